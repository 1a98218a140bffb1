import { describe, expect, it } from 'vitest';
import { NEVER_ACCESSED } from '../connector.ts';
import { HIBOB_REQUESTED_FIELDS, isDeniedHiBobField } from './api.ts';
import { hibob } from './index.ts';

describe('hibob connector declaration', () => {
  it('is the beta HiBob connector with its docs page', () => {
    expect(hibob).toMatchObject({
      id: 'hibob',
      name: 'HiBob',
      maturity: 'beta',
      docs: 'docs/connectors/hibob.md',
      secretFields: ['token'],
      allowedHosts: ['api.hibob.com', 'api.sandbox.hibob.com'],
    });
    expect(hibob.defaultBaseUrl({ serviceUserId: 'SERVICE-1', token: 't' })).toBe(
      'https://api.hibob.com',
    );
    expect(hibob.neverAccessed).toEqual(NEVER_ACCESSED);
    expect(hibob.rateLimit.requestsPerSecond * 60).toBeCloseTo(50);
  });

  it('requests only allowed fields', () => {
    expect(hibob.requestedFields).toEqual(HIBOB_REQUESTED_FIELDS);
    expect(hibob.requestedFields.filter((f) => hibob.deniedFields.includes(f))).toEqual([]);
    expect(hibob.requestedFields.filter(isDeniedHiBobField)).toEqual([]);
    expect(hibob.deniedFields.every(isDeniedHiBobField)).toBe(true);
  });

  it('does not claim fields it cannot fill', () => {
    for (const field of ['departmentId', 'departmentType'] as const) {
      expect(hibob.providedFields).not.toContain(field);
    }
  });

  it('validates the config', () => {
    const parse = (value: unknown) => hibob.configSchema.safeParse(value);
    expect(parse({ serviceUserId: 'SERVICE-123', token: 't' }).success).toBe(true);
    expect(parse({ serviceUserId: ' SERVICE-123 ', token: 't' })).toMatchObject({
      success: true,
      data: { serviceUserId: 'SERVICE-123' },
    });
    expect(parse({ serviceUserId: 'SERVICE:123', token: 't' }).success).toBe(false);
    expect(parse({ serviceUserId: '', token: 't' }).success).toBe(false);
    expect(parse({ serviceUserId: 'SERVICE-123', token: '' }).success).toBe(false);
    expect(parse({ serviceUserId: 'SERVICE-123' }).success).toBe(false);
    expect(
      parse({ serviceUserId: 'S', token: 't', baseUrl: 'https://api.sandbox.hibob.com' }).success,
    ).toBe(true);
  });
});
