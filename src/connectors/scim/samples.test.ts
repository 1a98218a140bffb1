import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedSample } from '../testing/shared-samples.ts';
import { SCIM_DENIED_ATTRIBUTES, SCIM_ENTERPRISE_USER, SCIM_REQUESTED_ATTRIBUTES } from './api.ts';
import { reasonOf } from './errors.ts';
import { scimConfigSchema } from './index.ts';
import { mapScimUser } from './map.ts';

/** The shared samples (NOTES §9), read in place; a user's clone skips these, loudly. */
const COMPOSED = sharedSample('scim', 'users_list.composed-from-rfc.json');
const USER = sharedSample('scim', 'rfc7643-8.3-enterprise-user.json');
const KEEPER = sharedSample('scim', 'users_list.keeper-recorded.json');
const PARTIAL = sharedSample('scim', 'rfc7644-3.4.2-list-response-partial-attributes.json');
const SCHEMA = sharedSample('scim', 'rfc7643-8.7.1-schema-enterprise-user.json');
const ERROR_400 = sharedSample('scim', 'rfc7644-3.12-error-400-mutability.json');
const ERROR_404 = sharedSample('scim', 'rfc7644-3.12-error-404.json');
const CONFIG = sharedSample('scim', 'rfc7643-8.5-service-provider-config.json');
const ALL = [COMPOSED, USER, KEEPER, PARTIAL, SCHEMA, ERROR_400, ERROR_404, CONFIG];
const TODAY = '2026-06-15';

function read(path: string | null): Record<string, unknown> {
  if (path === null) throw new Error('unreachable: the suite is skipped without samples');
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

const resources = (path: string | null) => read(path)['Resources'] as unknown[];
const mapAll = (raws: unknown[]) => raws.map((raw) => mapScimUser(raw, { today: TODAY }));

describe.skipIf(ALL.includes(null))('SCIM shared samples through the mapper', () => {
  it('maps the RFC enterprise user (Barbara Jensen), work data only', () => {
    const results = mapAll(resources(COMPOSED));
    expect(results).toEqual([
      {
        ok: true,
        employee: {
          externalId: '2819c223-7f76-453a-919d-413861904646',
          employeeNumber: '701984',
          firstName: 'Barbara',
          lastName: 'Jensen',
          workEmail: 'bjensen@example.com',
          department: 'Tour Operations',
          departmentId: null,
          departmentType: null,
          jobTitle: 'Tour Guide',
          employeeType: 'Employee',
          location: 'Hollywood',
          locationId: null,
          country: 'USA',
          managerExternalId: '26118915-6090-4610-87e4-49d8ca9f808d',
          managerName: 'John Smith',
          managerEmail: null,
          employmentStatus: 'active',
          startDate: null,
          terminationDate: null,
        },
      },
    ]);
  });

  it('drops the password, home email, phones, certificates and cost center of §8.3', () => {
    const output = JSON.stringify(mapAll([read(USER)]));
    for (const value of ['t1meMa$heen', 'babs@jensen.org', '456 Hollywood', '555-555', '4130']) {
      expect(output).not.toContain(value);
    }
    expect(output).not.toContain('MIIDQzCC');
  });

  it('maps the recorded Keeper answer (numeric-string id, no meta)', () => {
    expect(mapAll(resources(KEEPER))).toMatchObject([
      {
        ok: true,
        employee: {
          externalId: '970404910858250',
          firstName: 'John',
          lastName: 'Doe',
          workEmail: 'john@doe.com',
          employmentStatus: 'active',
        },
      },
    ]);
  });

  it('maps a partial-attributes answer: a userName that is no email stays no email', () => {
    expect(mapAll(resources(PARTIAL))).toMatchObject([
      {
        ok: true,
        employee: { externalId: '2819c223-7f76-453a-919d-413861904646', workEmail: null },
      },
      { ok: true, employee: { externalId: 'c75ad752-64ae-4823-840d-ffa80929976c' } },
    ]);
  });

  it('asks only enterprise attributes the RFC schema defines, and denies costCenter', () => {
    const names = (
      read(SCHEMA)['attributes'] as { name: string; subAttributes?: { name: string }[] }[]
    ).flatMap((a) => [a.name, ...(a.subAttributes ?? []).map((s) => `${a.name}.${s.name}`)]);
    const asked = SCIM_REQUESTED_ATTRIBUTES.filter((a) =>
      a.startsWith(`${SCIM_ENTERPRISE_USER}:`),
    ).map((a) => a.slice(SCIM_ENTERPRISE_USER.length + 1));
    expect(asked.filter((a) => !names.includes(a))).toEqual([]);
    expect(SCIM_DENIED_ATTRIBUTES).toContain(`${SCIM_ENTERPRISE_USER}:costCenter`);
  });

  it('quotes the RFC error bodies as scimType: detail', () => {
    expect(reasonOf(JSON.stringify(read(ERROR_400)))).toBe(
      "mutability: Attribute 'id' is readOnly",
    );
    expect(reasonOf(JSON.stringify(read(ERROR_404)))).toBe(
      'Resource 2819c223-7f76-453a-919d-413861904646 not found',
    );
  });

  it('offers an auth type for each scheme the RFC provider config advertises', () => {
    const ours: Record<string, string> = { oauthbearertoken: 'bearer', httpbasic: 'basic' };
    const schemes = (read(CONFIG)['authenticationSchemes'] as { type: string }[]).map(
      (s) => s.type,
    );
    expect(schemes.length).toBeGreaterThan(0);
    for (const scheme of schemes) {
      const config = { authType: ours[scheme], token: 't', username: 'u', password: 'p' };
      expect(scimConfigSchema.safeParse(config).success, scheme).toBe(true);
    }
  });
});
