import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { parseJsonFixture } from '../shared/fixture.ts';
import { sendJson } from '../shared/http.ts';
import { RollingWindow as SharedRollingWindow } from '../shared/rate-window.ts';

/**
 * Gusto's error envelope `{errors: [{error_key, category, message}]}` (NOTES §8, SPEC
 * `Entity-Error-Object`). The categories are documented; the 401/403/429 messages are not, so the
 * ones used here are the emulator's own (README "Assumptions").
 */
export function gustoError(
  res: ServerResponse,
  status: number,
  category: string,
  message: string,
  headers: Record<string, string> = {},
  errorKey = 'request',
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { errors: [{ error_key: errorKey, category, message }] });
}

/**
 * Gusto's limit: 200 requests per rolling 60 s per authorization (NOTES §7). `X-RateLimit-Reset`
 * is the time the oldest request leaves the window, as an ISO datetime (the exact format is
 * unconfirmed); `Retry-After` in seconds only on 429.
 */
export class RollingWindow {
  private readonly window: SharedRollingWindow;

  /** `limit`: requests per minute; `Infinity` turns the limit off. */
  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('the rate limit must be at least 1 request per minute');
    this.window = new SharedRollingWindow(limit, 60_000);
  }

  take(now: number = Date.now()): {
    allowed: boolean;
    headers: Record<string, string>;
    retryAfter: number;
  } {
    if (!Number.isFinite(this.limit)) return { allowed: true, headers: {}, retryAfter: 1 };
    const { allowed, used, resetMs, retryAfterSeconds } = this.window.take(now);
    return {
      allowed,
      headers: rateLimitHeaders(this.limit, this.limit - used, resetMs),
      retryAfter: retryAfterSeconds,
    };
  }
}

export function rateLimitHeaders(
  limit: number,
  remaining: number,
  resetMs: number,
): Record<string, string> {
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(Math.max(0, remaining)),
    'x-ratelimit-reset': new Date(resetMs).toISOString(),
  };
}

/** A shared sample served verbatim (read in place, never copied into the repository). */
export interface Fixtures {
  /** An employee list (bare array), served as page 1. */
  employees: Buffer | null;
  /** `departments-locations.json`: the departments and locations lists, served verbatim. */
  departments: unknown[] | null;
  locations: unknown[] | null;
}

/** Reads the samples and checks their shapes; throws a message naming the file otherwise. */
export async function loadFixtures(employees?: string, lookups?: string): Promise<Fixtures> {
  const fixtures: Fixtures = { employees: null, departments: null, locations: null };
  if (employees !== undefined) {
    const body = await readFile(employees);
    if (!Array.isArray(parseJsonFixture(body, employees))) {
      throw new Error(`Fixture ${employees} is not an employee list (a bare JSON array)`);
    }
    fixtures.employees = body;
  }
  if (lookups !== undefined) {
    const doc = parseJsonFixture(await readFile(lookups), lookups);
    const lists = typeof doc === 'object' && doc !== null ? Object.entries(doc) : [];
    const find = (suffix: string) => {
      const entry = lists.find(([key, value]) => key.endsWith(suffix) && Array.isArray(value));
      return entry ? (entry[1] as unknown[]) : null;
    };
    fixtures.departments = find('/departments');
    fixtures.locations = find('/locations');
    if (fixtures.departments === null && fixtures.locations === null) {
      throw new Error(`Fixture ${lookups} has no "GET …/departments" or "GET …/locations" list`);
    }
  }
  return fixtures;
}
