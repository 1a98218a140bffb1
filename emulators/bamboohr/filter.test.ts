import { describe, expect, it } from 'vitest';
import { parseFilter } from './filter.ts';

const row: Record<string, string | null> = {
  status: 'Active',
  hireDate: '2025-04-01',
  eeid: '12',
  jobInformationDepartment: "Sales & Ops's",
  terminationDate: '',
};
const known = (f: string): boolean => f in row;
const run = (filter: string): boolean => {
  const parsed = parseFilter(filter, known);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.predicate((f) => row[f] ?? null);
};

describe('dataset filter', () => {
  it('evaluates comparisons, in, and/or and parentheses', () => {
    expect(run("status eq 'Active'")).toBe(true);
    expect(run("status ne 'Active'")).toBe(false);
    expect(run("hireDate ge '2025-01-01' and hireDate lt '2025-12-31'")).toBe(true);
    expect(run('eeid gt 9')).toBe(true);
    expect(run("status eq 'Inactive' or (eeid le 12 and status in ('Active', 'x'))")).toBe(true);
    expect(run("jobInformationDepartment eq 'Sales & Ops''s'")).toBe(true);
    expect(run('terminationDate eq null')).toBe(true);
  });

  it('reports errors instead of throwing', () => {
    for (const bad of [
      "status eq 'Active' and",
      "nope eq 'x'",
      "status like 'A'",
      'status eq',
      '(',
    ]) {
      expect(parseFilter(bad, known).ok, bad).toBe(false);
    }
  });
});
