import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http.ts';

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

const WINDOW_MS = 60_000;

/**
 * Gusto's limit: 200 requests per rolling 60 s per authorization (NOTES §7). `X-RateLimit-Reset`
 * is the time the oldest request leaves the window, as an ISO datetime (the exact format is
 * unconfirmed); `Retry-After` in seconds only on 429.
 */
export class RollingWindow {
  private readonly times: number[] = [];

  /** `limit`: requests per minute; `Infinity` turns the limit off. */
  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('the rate limit must be at least 1 request per minute');
  }

  take(now: number = Date.now()): {
    allowed: boolean;
    headers: Record<string, string>;
    retryAfter: number;
  } {
    if (!Number.isFinite(this.limit)) return { allowed: true, headers: {}, retryAfter: 1 };
    while (this.times.length > 0 && (this.times[0] ?? 0) <= now - WINDOW_MS) this.times.shift();
    const allowed = this.times.length < this.limit;
    if (allowed) this.times.push(now);
    const resetMs = (this.times[0] ?? now) + WINDOW_MS;
    return {
      allowed,
      headers: rateLimitHeaders(this.limit, this.limit - this.times.length, resetMs),
      retryAfter: Math.max(1, Math.ceil((resetMs - now) / 1000)),
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
    if (!Array.isArray(parseJson(body, employees))) {
      throw new Error(`Fixture ${employees} is not an employee list (a bare JSON array)`);
    }
    fixtures.employees = body;
  }
  if (lookups !== undefined) {
    const doc = parseJson(await readFile(lookups), lookups);
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

function parseJson(body: Buffer, path: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error(`Fixture ${path} is not JSON`);
  }
}
