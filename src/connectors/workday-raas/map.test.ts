import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RAAS_COLUMNS,
  RAAS_DENIED_COLUMNS,
  isDeniedColumn,
  reportPath,
  resolveColumns,
} from './api.ts';
import { workdayRaas } from './index.ts';
import { mapRaasEntry } from './map.ts';

const base = {
  host: 'wd2-impl-services1.workday.com',
  tenant: 'acme',
  username: 'ISU_Rollcall',
  password: 'pw',
  reportOwner: 'lmcneil',
  reportName: 'Rollcall_Workers',
};

describe('workday-raas declaration and config', () => {
  it('reads none of the denied columns by default', () => {
    expect(Object.values(DEFAULT_RAAS_COLUMNS).filter(isDeniedColumn)).toEqual([]);
    expect(RAAS_DENIED_COLUMNS.every(isDeniedColumn)).toBe(true);
    expect(workdayRaas.requestedFields.filter((f) => workdayRaas.deniedFields.includes(f))).toEqual(
      [],
    );
  });

  it('refuses to map a field to a sensitive column, and unknown keys', () => {
    const parse = (extra: object) => workdayRaas.configSchema.safeParse({ ...base, ...extra });
    expect(parse({ columns: { workEmail: 'Work_Email' } }).success).toBe(true);
    for (const alias of [
      'Date_of_Birth',
      'personalEmail',
      'National_ID',
      'Home_Address',
      'Base_Pay',
    ]) {
      expect(parse({ columns: { workEmail: alias } }).success, alias).toBe(false);
    }
    expect(parse({ columns: { salary: 'x' } }).success).toBe(false);
    expect(parse({ prompts: { format: 'xml' } }).success).toBe(false);
    expect(parse({ reportName: 'a/b' }).success).toBe(false);
    expect(parse({ host: 'WD2-impl-services1.Workday.com' })).toMatchObject({
      success: true,
      data: { host: 'wd2-impl-services1.workday.com' },
    });
  });

  it('builds the customreport2 path with each segment encoded', () => {
    expect(reportPath('acme', 'lmcneil', 'Rollcall Workers')).toBe(
      '/ccx/service/customreport2/acme/lmcneil/Rollcall%20Workers',
    );
    expect(workdayRaas.defaultBaseUrl(base)).toBe('https://wd2-impl-services1.workday.com');
  });
});

describe('mapRaasEntry', () => {
  const columns = resolveColumns(undefined);

  it('reads only the configured aliases', () => {
    const result = mapRaasEntry(
      { workdayID: 'w1', firstName: 'Default', First: 'Aliased' },
      { today: '2026-06-15', columns: resolveColumns({ firstName: 'First' }) },
    );
    expect(result).toMatchObject({ ok: true, employee: { firstName: 'Aliased' } });
  });

  it('refuses a bad today (a bug, not data)', () => {
    expect(() => mapRaasEntry({}, { today: 'today', columns })).toThrow(/today/);
  });
});
