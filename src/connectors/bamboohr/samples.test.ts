import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedSample } from '../testing/shared-samples.ts';
import { mapBambooHrEmployee } from './map.ts';

/** The shared vendor samples (NOTES §9), read in place; a user's clone skips these, loudly. */
const REPORT = sharedSample('bamboohr', 'custom-report.employees.json');
const DIRECTORY = sharedSample('bamboohr', 'employees-directory.json');
const TODAY = '2026-06-15';

function employeesOf(path: string | null): Record<string, unknown>[] {
  if (path === null) throw new Error('unreachable: the suite is skipped without samples');
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { employees: unknown };
  if (!Array.isArray(doc.employees)) throw new Error(`${path}: no employees array`);
  return doc.employees as Record<string, unknown>[];
}

describe.skipIf(REPORT === null || DIRECTORY === null)(
  'BambooHR shared samples through the mapper',
  () => {
    it('maps every custom-report row (NANGO recording, 114 rows)', () => {
      const rows = employeesOf(REPORT);
      const results = rows.map((row) => mapBambooHrEmployee(row, { today: TODAY }));
      expect(results).toHaveLength(114);
      expect(results.filter((r) => !r.ok)).toEqual([]);
      const employees = results.flatMap((r) => (r.ok ? [r.employee] : []));
      // 16 rows carry the "Terminated" label and no date (NOTES §6).
      expect(employees.filter((e) => e.employmentStatus === 'terminated')).toHaveLength(16);
      expect(employees.every((e) => e.country === null)).toBe(true);
      // BambooHR's empty date is 0000-00-00: unknown, never a made-up date.
      expect(employees.filter((e) => e.startDate === null).length).toBeGreaterThan(0);
      // The recording asked for supervisorId but not supervisorEId: no manager id, names remain.
      expect(employees.every((e) => e.managerExternalId === null)).toBe(true);
      const christina = employees.find((e) => e.externalId === '6');
      expect(christina?.managerName).toBe('Jennifer Caldwell');
    });

    it('never takes bestEmail (it falls back to the home email)', () => {
      const rows = employeesOf(REPORT);
      const row = rows.find((r) => r['id'] === '112');
      expect(row?.['bestEmail']).toBeTruthy();
      expect(row?.['workEmail']).toBeNull();
      const result = mapBambooHrEmployee(row, { today: TODAY });
      expect(result).toMatchObject({ ok: true, employee: { workEmail: null } });
    });

    it('maps every directory row (same field ids, "First Last" supervisor names)', () => {
      const rows = employeesOf(DIRECTORY);
      const results = rows.map((row) => mapBambooHrEmployee(row, { today: TODAY }));
      expect(results.filter((r) => !r.ok)).toEqual([]);
      const first = results[0];
      expect(first).toMatchObject({ ok: true, employee: { managerName: 'Jennifer Caldwell' } });
      const text = JSON.stringify(results);
      // The directory sends phones and social links: none may come through.
      expect(text).not.toMatch(/facebook|linkedin|801-724-6600|photoUrl/i);
    });
  },
);
