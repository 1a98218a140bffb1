import { afterEach, describe, expect, it } from 'vitest';
import { normalizedEmployeeSchema } from '../../core/employee.ts';
import { NEVER_ACCESSED } from '../connector.ts';
import type { Connector } from '../connector.ts';
import { expectConnectorError, runTestFetch, type TestFetchResult } from './run.ts';

type AnyConfig = { baseUrl?: string | undefined };

/** What the suite asks of a company the emulator serves. */
export interface ConformanceCompanyOptions {
  /** People, every status included. */
  size: number;
}

/**
 * One connector wired to its emulator for the conformance suite (STYLE: Airbyte — one suite runs
 * against every connector). Everything vendor-specific lives behind these members.
 */
export interface ConformanceTarget<Config extends AnyConfig> {
  connector: Connector<Config>;
  /** A config that works against the emulator. */
  config: Config;
  /** The same config with credentials the emulator rejects. */
  invalidCredentials: Config;
  /** The secret values in `config`, which must never appear in errors or logs. */
  secrets: readonly string[];
  /** The emulator's origin. */
  baseUrl: string;
  /** The emulator company's "today" (YYYY-MM-DD). */
  today: string;
  /** What the emulator holds, computed from its own data (not from the connector). */
  expected(): ConformanceExpectations;
  /**
   * Every field id the emulator was asked for so far; `null` when the vendor's API has no field
   * selection (the payload then carries sensitive fields the connector must drop at parse time,
   * which the sensitive-marker check below proves).
   */
  requestedFieldIds(): string[] | null;
  /** Field ids the emulator answers with marked sensitive values. */
  sensitiveFieldIds: readonly string[];
  /** The marker in every sensitive value the emulator sends (e.g. `SENSITIVE-`). */
  sensitiveMarker: string;
  /** The next `requests` answers are the vendor's rate-limit answer with Retry-After. */
  throttleNext(requests: number, retryAfterSeconds: number): void;
  /** Empties the directory: the vendor answers successfully with nobody in it. */
  emptyDirectory(): void;
  close(): Promise<void>;
}

export interface ConformanceExpectations {
  /** Every person the connector must yield (externalIds). */
  externalIds: readonly string[];
  terminatedIds: readonly string[];
  /** externalId → the manager's externalId, for people who have one. */
  managers: Readonly<Record<string, string>>;
}

export type ConformanceSetup<Config extends AnyConfig> = (
  company: ConformanceCompanyOptions,
) => Promise<ConformanceTarget<Config>>;

const DEFAULT_SIZE = 150;
/** Big enough to span many pages or body chunks on every vendor. */
const LARGE_SIZE = 1_500;

/**
 * The suite every connector passes against its emulator: valid config connects, bad credentials
 * fail clearly, paging reaches the end, rate limits are honoured, an empty directory completes
 * without a wipe, terminations and managers come through, no denied field is ever requested.
 */
export function describeConnectorConformance<Config extends AnyConfig>(
  name: string,
  setup: ConformanceSetup<Config>,
): void {
  describe(`connector conformance: ${name}`, () => {
    let target: ConformanceTarget<Config> | undefined;
    afterEach(async () => {
      await target?.close();
      target = undefined;
    });

    async function start(size = DEFAULT_SIZE): Promise<ConformanceTarget<Config>> {
      target = await setup({ size });
      return target;
    }

    const fetchWith = (t: ConformanceTarget<Config>, config: Config): Promise<TestFetchResult> =>
      runTestFetch({ connector: t.connector, config, baseUrl: t.baseUrl, today: t.today });

    it('declares itself completely', async () => {
      const t = await start(1);
      const { connector } = t;
      expect(connector.id).toMatch(/^[a-z0-9-]+$/);
      expect(connector.docs).toBe(`docs/connectors/${connector.id}.md`);
      expect(connector.allowedHosts.length).toBeGreaterThan(0);
      expect(connector.rateLimit.requestsPerSecond).toBeGreaterThan(0);
      expect(connector.rateLimit.burst).toBeGreaterThanOrEqual(1);
      expect(connector.rateLimit.description).not.toBe('');
      expect([...connector.neverAccessed].sort()).toEqual([...NEVER_ACCESSED].sort());
      expect(connector.providedFields).toContain('externalId');
      expect(connector.providedFields).toContain('employmentStatus');
      expect(connector.configSchema.safeParse(t.config).success).toBe(true);
    });

    it('connects with a valid config and yields valid employees', async () => {
      const t = await start();
      const result = await fetchWith(t, t.config);
      expect(result.error).toBeUndefined();
      expect(result.employees.length).toBeGreaterThan(0);
      for (const employee of result.employees) normalizedEmployeeSchema.parse(employee);
    });

    it('fails with a clear, non-retryable error on invalid credentials', async () => {
      const t = await start();
      const result = await fetchWith(t, t.invalidCredentials);
      const error = expectConnectorError(result);
      expect(['auth_failed', 'forbidden']).toContain(error.code);
      expect(error.retryable).toBe(false);
      expect(error.message.length).toBeGreaterThan(20);
      expect(result.employees).toEqual([]);
      for (const secret of [...t.secrets, ...secretsOf(t.invalidCredentials, t)]) {
        expect(error.message).not.toContain(secret);
        expect(result.logs).not.toContain(secret);
      }
    });

    it('reaches the end of a large directory, each person exactly once', async () => {
      const t = await start(LARGE_SIZE);
      const result = await fetchWith(t, t.config);
      expect(result.error).toBeUndefined();
      const ids = result.items.map((item) =>
        item.kind === 'employee' ? item.employee.externalId : item.kind,
      );
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...t.expected().externalIds].sort());
    });

    it('honours rate limiting: waits as told, then completes', async () => {
      const t = await start();
      t.throttleNext(2, 2);
      const result = await fetchWith(t, t.config);
      expect(result.error).toBeUndefined();
      expect(result.usage.throttled).toBeGreaterThanOrEqual(2);
      expect(result.sleeps.filter((ms) => ms >= 2_000).length).toBeGreaterThanOrEqual(2);
      expect(result.employees.length).toBe(t.expected().externalIds.length);
    });

    it('completes an empty directory without yielding anyone (never a wipe by itself)', async () => {
      const t = await start();
      t.emptyDirectory();
      const result = await fetchWith(t, t.config);
      expect(result.error).toBeUndefined();
      expect(result.items).toEqual([]);
    });

    it('recognises terminated people', async () => {
      const t = await start();
      const result = await fetchWith(t, t.config);
      const expected = t.expected().terminatedIds;
      expect(expected.length).toBeGreaterThan(0);
      const terminated = result.employees
        .filter((e) => e.employmentStatus === 'terminated')
        .map((e) => e.externalId);
      expect([...terminated].sort()).toEqual([...expected].sort());
    });

    it('resolves managers to people of the same snapshot', async () => {
      const t = await start();
      const result = await fetchWith(t, t.config);
      const ids = new Set(result.employees.map((e) => e.externalId));
      const managers: Record<string, string> = {};
      for (const e of result.employees) {
        if (e.managerExternalId === null) continue;
        expect(ids.has(e.managerExternalId)).toBe(true);
        managers[e.externalId] = e.managerExternalId;
      }
      expect(Object.keys(t.expected().managers).length).toBeGreaterThan(0);
      expect(managers).toEqual(t.expected().managers);
    });

    it('never requests a denied field, and no sensitive value reaches the output or logs', async () => {
      const t = await start();
      const result = await fetchWith(t, t.config);
      expect(result.error).toBeUndefined();
      const requested = t.requestedFieldIds();
      expect(t.connector.fieldSelection ?? 'request').toBe(
        requested === null ? 'parse' : 'request',
      );
      if (requested !== null) {
        expect(requested.length).toBeGreaterThan(0);
        expect(requested.filter((f) => t.connector.deniedFields.includes(f))).toEqual([]);
        expect(requested.filter((f) => t.sensitiveFieldIds.includes(f))).toEqual([]);
        expect([...new Set(requested)].sort()).toEqual([...t.connector.requestedFields].sort());
      }
      expect(
        t.connector.requestedFields.filter((f) => t.connector.deniedFields.includes(f)),
      ).toEqual([]);
      expect(JSON.stringify(result.items)).not.toContain(t.sensitiveMarker);
      expect(result.logs).not.toContain(t.sensitiveMarker);
      for (const secret of t.secrets) expect(result.logs).not.toContain(secret);
    });
  });
}

/** The secret-field values of a config (what must never show up in messages or logs). */
function secretsOf<Config extends AnyConfig>(
  config: Config,
  t: ConformanceTarget<Config>,
): string[] {
  return t.connector.secretFields.flatMap((field) => {
    const value: unknown = config[field];
    return typeof value === 'string' ? [value] : [];
  });
}
