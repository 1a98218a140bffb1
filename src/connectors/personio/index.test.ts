import { describe, expect, it } from 'vitest';
import { NEVER_ACCESSED } from '../connector.ts';
import { PERSONIO_REQUESTED_ATTRIBUTES, isDeniedPersonioAttribute } from './api.ts';
import { personio } from './index.ts';

describe('personio connector declaration', () => {
  it('is the beta Personio connector with its docs page', () => {
    expect(personio).toMatchObject({
      id: 'personio',
      name: 'Personio',
      maturity: 'beta',
      docs: 'docs/connectors/personio.md',
      secretFields: ['clientSecret'],
      allowedHosts: ['api.personio.de'],
    });
    expect(personio.defaultBaseUrl({ clientId: 'c', clientSecret: 's' })).toBe(
      'https://api.personio.de',
    );
    expect(personio.neverAccessed).toEqual(NEVER_ACCESSED);
    expect(personio.rateLimit.requestsPerSecond * 60).toBeCloseTo(300);
  });

  it('requests only allowed attributes', () => {
    expect(personio.requestedFields).toEqual(PERSONIO_REQUESTED_ATTRIBUTES);
    expect(personio.requestedFields.filter((f) => personio.deniedFields.includes(f))).toEqual([]);
    expect(personio.deniedFields.every(isDeniedPersonioAttribute)).toBe(true);
  });

  it('does not claim fields Personio cannot fill', () => {
    for (const field of ['employeeNumber', 'departmentType', 'country', 'managerName'] as const) {
      expect(personio.providedFields).not.toContain(field);
    }
  });

  it('validates the config', () => {
    const parse = (value: unknown) => personio.configSchema.safeParse(value);
    expect(parse({ clientId: ' papi-1 ', clientSecret: 's' })).toMatchObject({
      success: true,
      data: { clientId: 'papi-1' },
    });
    expect(parse({ clientId: '', clientSecret: 's' }).success).toBe(false);
    expect(parse({ clientId: 'c', clientSecret: '' }).success).toBe(false);
    expect(parse({ clientId: 'c' }).success).toBe(false);
    expect(
      parse({ clientId: 'c', clientSecret: 's', baseUrl: 'https://api.personio.de' }).success,
    ).toBe(true);
  });
});
