import { describe, expect, it } from 'vitest';
import { NEVER_ACCESSED } from '../connector.ts';
import { BAMBOOHR_REQUESTED_FIELDS, isDeniedBambooHrField } from './api.ts';
import { bamboohr, bambooHrReportPath } from './index.ts';

describe('bamboohr connector declaration', () => {
  it('is the stable BambooHR connector with its docs page', () => {
    expect(bamboohr).toMatchObject({
      id: 'bamboohr',
      name: 'BambooHR',
      maturity: 'stable',
      docs: 'docs/connectors/bamboohr.md',
      secretFields: ['apiKey'],
      allowedHosts: ['api.bamboohr.com', '*.bamboohr.com'],
    });
    expect(bamboohr.defaultBaseUrl({ companyDomain: 'acme', apiKey: 'k' })).toBe(
      'https://api.bamboohr.com',
    );
    expect(bamboohr.neverAccessed).toEqual(NEVER_ACCESSED);
  });

  it('requests only allowed fields, and never country, bestEmail or supervisorId', () => {
    expect(bamboohr.requestedFields).toEqual(BAMBOOHR_REQUESTED_FIELDS);
    expect(bamboohr.requestedFields.filter((f) => bamboohr.deniedFields.includes(f))).toEqual([]);
    expect(bamboohr.requestedFields.filter(isDeniedBambooHrField)).toEqual([]);
    for (const field of ['country', 'bestEmail', 'supervisorId', 'homeEmail']) {
      expect(bamboohr.requestedFields).not.toContain(field);
    }
  });

  it('does not claim fields it cannot fill', () => {
    for (const field of ['country', 'departmentId', 'departmentType', 'locationId'] as const) {
      expect(bamboohr.providedFields).not.toContain(field);
    }
  });

  it('validates the config', () => {
    const parse = (value: unknown) => bamboohr.configSchema.safeParse(value);
    expect(parse({ companyDomain: 'acme', apiKey: 'k' }).success).toBe(true);
    expect(parse({ companyDomain: ' Acme-2 ', apiKey: 'k' })).toMatchObject({
      success: true,
      data: { companyDomain: 'Acme-2' },
    });
    expect(parse({ companyDomain: 'acme.bamboohr.com', apiKey: 'k' }).success).toBe(false);
    expect(parse({ companyDomain: 'acme/../x', apiKey: 'k' }).success).toBe(false);
    expect(parse({ companyDomain: 'acme', apiKey: '' }).success).toBe(false);
    expect(
      parse({ companyDomain: 'acme', apiKey: 'k', baseUrl: 'https://x.bamboohr.com' }).success,
    ).toBe(true);
  });

  it('builds the legacy gateway report path', () => {
    expect(bambooHrReportPath('acme')).toBe('/api/gateway.php/acme/v1/reports/custom');
  });
});
