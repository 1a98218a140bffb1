import { describe, expect, it } from 'vitest';
import type { NormalizedEmployee } from './employee.ts';
import { normalizedEmployeeSchema, safeParseEmployee } from './employee.ts';

const valid: NormalizedEmployee = {
  externalId: '42',
  employeeNumber: 'E-42',
  firstName: 'Zoë',
  lastName: 'Ødegård',
  workEmail: 'zoe@acme.test',
  department: 'Engineering',
  departmentId: 'd1',
  departmentType: null,
  jobTitle: 'Engineer',
  employeeType: 'Full-Time',
  location: 'Oslo',
  locationId: null,
  country: 'NO',
  managerExternalId: '7',
  managerName: 'Ada Lovelace',
  managerEmail: 'ada@acme.test',
  employmentStatus: 'active',
  startDate: '2020-01-31',
  terminationDate: null,
};

/** A small deterministic generator (mulberry32), so a failure names a reproducible seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CANDIDATES: unknown[] = [
  null,
  undefined,
  '',
  'a',
  'ab',
  'abc',
  ' padded ',
  '2021-02-03',
  '2021-2-3',
  '2021-02-03T00:00:00Z',
  'active',
  'pending',
  'terminated',
  'Terminated',
  0,
  42,
  true,
  {},
  [],
];

function mutate(next: () => number): unknown {
  const record: Record<string, unknown> = { ...valid };
  const keys = Object.keys(valid);
  const changes = Math.floor(next() * 3);
  for (let i = 0; i < changes; i++) {
    const key = keys[Math.floor(next() * keys.length)] ?? 'externalId';
    const roll = next();
    if (roll < 0.1) delete record[key];
    else if (roll < 0.15) record['salary'] = 1000;
    else record[key] = CANDIDATES[Math.floor(next() * CANDIDATES.length)];
  }
  return record;
}

describe('safeParseEmployee', () => {
  it('accepts a valid record as the schema does, fields in schema order', () => {
    const reordered = Object.fromEntries(Object.entries(valid).reverse());
    const parsed = safeParseEmployee(reordered);
    expect(parsed).toEqual(normalizedEmployeeSchema.safeParse(reordered));
    expect(Object.keys(parsed.data ?? {})).toEqual(Object.keys(normalizedEmployeeSchema.shape));
    expect(JSON.stringify(parsed.data)).toBe(JSON.stringify(valid));
  });

  it('gives the schema’s answer, success and messages, on 20,000 generated records', () => {
    const next = random(20_261_122);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const record = mutate(next);
      const fast = safeParseEmployee(record);
      const zod = normalizedEmployeeSchema.safeParse(record);
      expect(fast.success, `record ${i}: ${JSON.stringify(record)}`).toBe(zod.success);
      if (fast.success) {
        accepted += 1;
        expect(fast.data).toEqual(zod.data);
      } else expect(fast.error?.issues).toEqual(zod.error?.issues);
    }
    // Both kinds are well represented, or the comparison proves little.
    expect(accepted).toBeGreaterThan(3_000);
    expect(accepted).toBeLessThan(17_000);
  });

  it('refuses what is not a record', () => {
    for (const value of [null, undefined, 'x', 1, [], [valid]])
      expect(safeParseEmployee(value).success).toBe(false);
  });
});
