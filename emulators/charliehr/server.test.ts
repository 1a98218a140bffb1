import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { SENSITIVE_MARKER } from '../shared/company.ts';
import { startCharlieHrEmulator, type CharlieHrEmulator } from './server.ts';

const startEmulator = closedAfterEach(startCharlieHrEmulator);
let emu: CharlieHrEmulator | undefined;

async function start(options: Parameters<typeof startCharlieHrEmulator>[0] = {}) {
  emu = await startEmulator({
    ...options,
    company: { today: '2026-06-15', ...options.company },
  });
  return emu;
}

const auth = (e: CharlieHrEmulator) => `Token token=${e.clientId}:${e.clientSecret}`;
const get = (e: CharlieHrEmulator, path: string, authorization = auth(e)) =>
  fetch(`${e.url}${path}`, { headers: { authorization } });

interface Page {
  success: boolean;
  data: Record<string, unknown>[];
  meta: { next_url: string | null; total_results: number; total_pages: number };
}

describe('CharlieHR emulator', () => {
  it('accepts only the Token header, answering {success: false, message} otherwise', async () => {
    const e = await start({ company: { size: 3 } });
    expect((await get(e, '/api/v1/team_members')).status).toBe(200);
    for (const header of [`Bearer ${e.clientSecret}`, `Token token=${e.clientId}:wrong`, '']) {
      const res = await get(e, '/api/v1/team_members', header);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ success: false, message: 'Invalid API credentials' });
    }
  });

  it('pages 25 at a time with next_url as a query string until it is null', async () => {
    const e = await start({ company: { size: 60 } });
    const ids: string[] = [];
    let next: string | null = '';
    while (next !== null) {
      const page = (await (await get(e, `/api/v1/team_members${next}`)).json()) as Page;
      expect(page.success).toBe(true);
      ids.push(...page.data.map((m) => String(m['id'])));
      next = page.meta.next_url;
      if (next !== null) expect(next).toMatch(/^\?page=\d+&per_page=25$/);
    }
    expect(ids).toEqual(e.company.all().map((p) => p.id));
    expect((await get(e, '/api/v1/team_members?per_page=26')).status).toBe(400);
    expect((await get(e, '/api/v1/nope')).status).toBe(404);
  });

  it('answers sensitive keys with marked values and gives every leaver a leaving date', async () => {
    const e = await start({ company: { size: 80, terminatedShare: 0.4 } });
    const page = (await (await get(e, '/api/v1/team_members?per_page=25')).json()) as Page;
    expect(String(page.data[0]?.['date_of_birth'])).toContain(SENSITIVE_MARKER);
    for (const person of e.company.all().filter((p) => e.company.isTerminated(p))) {
      expect(e.directory.endDateOf(person)).not.toBeNull();
    }
    const teams = (await (await get(e, '/api/v1/teams')).json()) as Page;
    expect(teams.data[0]).toEqual({ id: 'team_1', name: 'Management' });
  });

  it('throttles with 429 + Retry-After and serves 5xx bursts', async () => {
    const e = await start({ company: { size: 3 }, faults: { serverErrorBurst: 1 } });
    expect((await get(e, '/api/v1/offices')).status).toBe(500);
    e.setFaults({ throttle: { burst: 1, retryAfterSeconds: 9 } });
    const res = await get(e, '/api/v1/offices');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('9');
    expect((await get(e, '/api/v1/offices')).status).toBe(200);
  });
});
