import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedSample } from '../testing/shared-samples.ts';
import { resolveColumns } from './api.ts';
import { mapRaasEntry } from './map.ts';

/** The shared vendor samples (NOTES §9), read in place; a user's clone skips these, loudly. */
const CONSTRUCTED = sharedSample('workday', 'raas-report.workers.CONSTRUCTED.json');
const REAL = sharedSample('workday', 'raas-report.real-world-example.colby.json');
const TODAY = '2026-06-15';

function entries(path: string | null): unknown[] {
  if (path === null) throw new Error('unreachable: the suite is skipped without samples');
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { Report_Entry?: unknown };
  if (!Array.isArray(doc.Report_Entry)) throw new Error(`${path}: no Report_Entry`);
  return doc.Report_Entry;
}

const map = (entry: unknown) => mapRaasEntry(entry, { today: TODAY, columns: resolveColumns({}) });

describe.skipIf(CONSTRUCTED === null || REAL === null)('Workday RaaS shared samples', () => {
  it('maps the constructed report with the default aliases', () => {
    expect(entries(CONSTRUCTED).map(map)).toMatchObject([
      {
        ok: true,
        employee: {
          externalId: '3aa5550b7fe348b98d7b5741afc65534',
          employeeNumber: '21001',
          firstName: 'Logan',
          workEmail: 'lmcneil@workday.example',
          department: 'Human Resources (Logan McNeil)',
          jobTitle: 'Chief Human Resources Officer',
          country: 'United States of America',
          managerExternalId: '0e44c92412d34b01ace61e80a47aaf6d',
          managerEmail: 'smorgan@workday.example',
          employmentStatus: 'active',
          startDate: '2000-01-01',
        },
      },
      { ok: true, employee: { firstName: 'Steve', managerExternalId: null } },
      {
        ok: true,
        employee: {
          lastName: 'Leaver',
          employmentStatus: 'terminated',
          terminationDate: '2025-06-30',
        },
      },
    ]);
  });

  it('maps the real-world row and notes it has no lifecycle columns', () => {
    const [result] = entries(REAL).map(map);
    expect(result).toMatchObject({
      ok: true,
      noLifecycle: true,
      employee: {
        firstName: 'Joe',
        lastName: 'Blow',
        workEmail: 'joe.blow@colby.edu',
        employeeType: 'Temporary',
        location: 'Colby College',
        employmentStatus: 'active',
      },
    });
  });
});
