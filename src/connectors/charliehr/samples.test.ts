import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedSample } from '../testing/shared-samples.ts';
import { charlieHrPageSchema } from './api.ts';
import { createLookups } from './lookups.ts';
import { mapCharlieHrTeamMember } from './map.ts';

/**
 * No CharlieHR response has been recorded yet (NOTES §8). When someone with an account saves a
 * real `/team_members` answer as `shared/providers/charliehr/team_members.response.json`, this
 * suite maps it in place (never copied here) and the "Assumed" list of the doc page gets checked.
 */
const SAMPLE = sharedSample('charliehr', 'team_members.response.json');

describe.skipIf(SAMPLE === null)('CharlieHR recorded sample through the mapper', () => {
  it('is the {success, data, meta} envelope and every member maps with an id', () => {
    if (SAMPLE === null) throw new Error('unreachable: the suite is skipped without samples');
    const page = charlieHrPageSchema.parse(JSON.parse(readFileSync(SAMPLE, 'utf8')));
    const { lookups } = createLookups();
    const results = page.data.map((m) =>
      mapCharlieHrTeamMember(m, { today: '2026-06-15', lookups }),
    );
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // The assumed work-email key must be right for a recorded sample to be useful.
    expect(results.some((r) => r.ok && r.employee.workEmail !== null)).toBe(true);
  });
});
