import { describe, expect, it } from 'vitest';
import { CHARLIEHR_DENIED_FIELDS, CHARLIEHR_REQUESTED_FIELDS } from './api.ts';
import { charlieHrAuth, charlieHrConfigSchema } from './index.ts';
import { createLookups } from './lookups.ts';
import { mapCharlieHrTeamMember, statusOf } from './map.ts';

const TODAY = '2026-06-15';

describe('CharlieHR lifecycle (leaving date only)', () => {
  const cases: [string | null, string | null, string][] = [
    ['2020-01-01', null, 'active'],
    ['2020-01-01', TODAY, 'terminated'],
    ['2020-01-01', '2026-06-16', 'active'],
    ['2026-06-16', null, 'pending'],
    ['2026-06-16', '2026-09-30', 'pending'],
    [null, '2020-01-01', 'terminated'],
  ];
  for (const [start, end, expected] of cases) {
    it(`start ${start}, end ${end} → ${expected}`, () =>
      expect(statusOf(start, end, TODAY)).toBe(expected));
  }
});

describe('mapCharlieHrTeamMember', () => {
  it('never reads the personal email as the work email', () => {
    const { lookups } = createLookups();
    const result = mapCharlieHrTeamMember(
      { id: 'team_member_1', personal_email: 'me@home.example' },
      { today: TODAY, lookups },
    );
    expect(result).toMatchObject({ ok: true, employee: { workEmail: null } });
  });

  it('refuses a today that is not a date', () => {
    const { lookups } = createLookups();
    expect(() => mapCharlieHrTeamMember({ id: 'x' }, { today: 'today', lookups })).toThrow(/today/);
  });
});

describe('CharlieHR declaration', () => {
  it('builds the Token header both public clients send', () => {
    const config = charlieHrConfigSchema.parse({ clientId: 'abc', clientSecret: 's3cret' });
    expect(charlieHrAuth(config)).toEqual({
      type: 'header',
      name: 'authorization',
      value: 'Token token=abc:s3cret',
    });
    expect(charlieHrConfigSchema.safeParse({ clientId: 'a:b', clientSecret: 'x' }).success).toBe(
      false,
    );
  });

  it('never reads a denied field', () => {
    const denied: readonly string[] = CHARLIEHR_DENIED_FIELDS;
    expect(CHARLIEHR_REQUESTED_FIELDS.filter((f) => denied.includes(f))).toEqual([]);
  });
});
