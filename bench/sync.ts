import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { pino } from 'pino';
import { bamboohr } from '../src/connectors/bamboohr/index.ts';
import { createHttpClient } from '../src/connectors/http/client.ts';
import type { NormalizedEmployee } from '../src/core/employee.ts';
import { safeParseEmployee } from '../src/core/employee.ts';
import type { Store } from '../src/db/database.ts';
import { openMigratedStore } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { createConnection } from '../src/db/repositories/connections.ts';
import { appendCreatedEvents, newLearnerRow } from '../src/db/repositories/learners.ts';
import { createTenant } from '../src/db/repositories/tenants.ts';
import { bulkInsert, chunk } from '../src/db/portable.ts';
import { keyFromHex, seal } from '../src/secrets/keyring.ts';
import { getConnector } from '../src/connectors/registry.ts';
import { APPLY_BATCH } from '../src/sync/apply.ts';
import { runSync } from '../src/sync/run.ts';
import type { EngineDeps } from '../src/sync/engine.ts';
import type { EmulatorProcess } from './emulator-process.ts';
import { startEmulatorProcess } from './emulator-process.ts';
import { benchSchemaName, pgAdmin } from './pg-admin.ts';
import { boundHeapGrowth } from '../src/heap.ts';
import type { PhaseFigures } from './measure.ts';
import { PhaseClock, cpuSeconds, median, peakRssMb, round, seconds } from './measure.ts';

/**
 * `tsx bench/sync.ts --employees N [--runs R] [--warmup W] [--rss-only] [--pg URL]`: a full BambooHR sync of
 * N people from the emulator's custom report on the embedded store, against the limit measured in
 * the same round (fetching + parsing the same response, plus one raw bulk insert of the same
 * normalized rows), then a no-change resync; W warm-up rounds (default 1, left out of the figures),
 * then R rounds (default 5), each on a fresh store, reported as medians. `--rss-only` runs one
 * full sync in a fresh process. `--pg URL` runs every store on PostgreSQL instead, each in a
 * throwaway schema (for context: the targets are the embedded store's). Writes
 * bench/results/sync-<N>.json (sync-pg-<N>.json with --pg).
 */
const { values } = parseArgs({
  options: {
    employees: { type: 'string', default: '100000' },
    'rss-only': { type: 'boolean', default: false },
    pg: { type: 'string' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
  },
});
const runs = Math.max(1, Number(values.runs));
const warmups = Math.max(0, Number(values.warmup));
const employees = Number(values.employees);
const dialect = values.pg ? 'postgres' : 'sqlite';
// As the `rollcall` CLI does at start-up (ADR 0015).
boundHeapGrowth();
const SEED = 20_261_122;
const KEY = keyFromHex('cd'.repeat(32));

/** What one measured round found: a full sync, a no-change resync and the limit, in one store. */
interface Round {
  fullSeconds: number;
  fullCpuSeconds: number;
  fullPhases: Record<string, PhaseFigures>;
  fullPeakRssMb: number;
  counts: unknown;
  resyncSeconds?: number;
  resyncCpuSeconds?: number;
  resyncPhases?: Record<string, PhaseFigures>;
  resyncLearnerWrites?: number;
  resyncNewEvents?: number;
  resyncCounts?: unknown;
  fetchParseSeconds?: number;
  rawInsertSeconds?: number;
  limitSeconds?: number;
  limitCpuSeconds?: number;
  freshRawInsertSeconds?: number;
  freshLearnersAndEventsSeconds?: number;
  people?: NormalizedEmployee[];
}

/**
 * One round on a fresh store in `dataDir`: the full sync, then (unless `fullOnly`) the no-change
 * resync and the limit — the same fetch and parse plus one raw bulk insert of the same rows into
 * the store the sync filled.
 */
async function measureRound(
  emulator: EmulatorProcess,
  dataDir: string,
  fullOnly: boolean,
): Promise<Round> {
  const { store, dispose } = await openBenchStore(dataDir);
  try {
    const now = new Date().toISOString();
    const tenant = await createTenant(store.db, { slug: 'bench' }, now);
    const connection = await createConnection(
      store.db,
      {
        tenantId: tenant.id,
        connectorId: 'bamboohr',
        name: 'BambooHR',
        configCiphertext: seal(
          KEY,
          JSON.stringify({
            companyDomain: emulator.domain,
            apiKey: emulator.apiKey,
            baseUrl: emulator.url,
          }),
        ),
        sandbox: false,
        connectedBy: null,
      },
      now,
    );
    const clock = new PhaseClock();
    const deps: EngineDeps = {
      onProgress: clock.onProgress,
      db: store.db,
      clock: () => new Date(),
      log,
      secretKey: KEY,
      extraAllowedHosts: ['127.0.0.1'],
      connector: getConnector,
    };
    const input = {
      tenantId: tenant.id,
      connectionId: connection.id,
      trigger: 'cli',
      mode: 'apply',
    } as const;

    quiesce();
    clock.start();
    let cpu = process.cpuUsage();
    let started = performance.now();
    const full = await runSync(deps, input);
    const fullSeconds = seconds(started);
    const fullCpuSeconds = cpuSeconds(cpu);
    // The process's peak so far: the target is one sync's memory (read before anything else).
    const fullPeakRssMb = peakRssMb();
    const round: Round = {
      fullSeconds,
      fullCpuSeconds,
      fullPeakRssMb,
      // "start" is the run's set-up; "fetch" includes the snapshot staging; a run applied as
      // planned (ADR 0016) goes on to "apply", others to "plan" and then "apply".
      fullPhases: clock.result(),
      counts: full.counts,
    };
    if (full.status !== 'succeeded')
      throw new Error(`full sync ${full.status}: ${full.errorMessage ?? ''}`);
    if (fullOnly) return round;

    // Each measured step starts, like the full sync on its fresh store, with an empty WAL: no
    // step pays for copying an earlier step's pages into the database file (and fsyncing them).
    await checkpoint(store.db);
    quiesce();
    const before = await store.db
      .selectFrom('learners')
      .select(['id', 'version', 'updatedAt'])
      .execute();
    const eventsBefore = await countEvents(store.db);
    clock.start();
    cpu = process.cpuUsage();
    started = performance.now();
    const resync = await runSync(deps, input);
    round.resyncSeconds = seconds(started);
    round.resyncCpuSeconds = cpuSeconds(cpu);
    round.resyncPhases = clock.result();
    round.resyncCounts = resync.counts;
    const after = await store.db
      .selectFrom('learners')
      .select(['id', 'version', 'updatedAt'])
      .execute();
    const previous = new Map(before.map((l) => [l.id, `${l.version}/${l.updatedAt}`]));
    round.resyncLearnerWrites = after.filter(
      (l) => previous.get(l.id) !== `${l.version}/${l.updatedAt}`,
    ).length;
    round.resyncNewEvents = (await countEvents(store.db)) - eventsBefore;

    // The limit: the same fetch and parse, plus one raw bulk insert of the same normalized rows.
    await checkpoint(store.db);
    quiesce();
    cpu = process.cpuUsage();
    started = performance.now();
    const people = await fetchPeople(emulator);
    round.fetchParseSeconds = seconds(started);
    // The raw insert goes through the store's bulk path (prepared statements on SQLite, one
    // transaction), the fastest way this store writes rows and the one the engine's writes use.
    const rows = learnerRows(
      people,
      (await createTenant(store.db, { slug: 'limit' }, now)).id,
      now,
    );
    const insertStarted = performance.now();
    await bulkInsert(store.db, 'learners', rows, { onConflictDoNothing: true });
    round.rawInsertSeconds = seconds(insertStarted);
    round.limitCpuSeconds = cpuSeconds(cpu);
    round.limitSeconds = round.fetchParseSeconds + round.rawInsertSeconds;
    round.people = people;
    return round;
  } finally {
    await dispose();
  }
}

/**
 * A fresh migrated store in `dataDir`, or with `--pg` in a new schema of that database; `dispose`
 * closes it (and drops the schema).
 */
async function openBenchStore(
  dataDir: string,
): Promise<{ store: Store; dispose: () => Promise<void> }> {
  const url = values.pg;
  if (!url) {
    const store = await openMigratedStore({ dataDir });
    return { store, dispose: () => store.close() };
  }
  const pgSchema = benchSchemaName();
  await pgAdmin(url, `create schema ${pgSchema}`);
  const store = await openMigratedStore({ dataDir, databaseUrl: url, pgSchema });
  return {
    store,
    dispose: async () => {
      await store.close();
      await pgAdmin(url, `drop schema ${pgSchema} cascade`);
    },
  };
}

const log = pino({ level: 'silent' });

/** Writes every dirty page of the machine to disk, so no step pays for an earlier one's writes. */
function quiesce(): void {
  execFileSync('sync');
}

/** Copies the WAL into the database file and empties it (SQLite; nothing on PostgreSQL). */
async function checkpoint(db: Kysely<Database>): Promise<void> {
  if (values.pg) return;
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

async function countEvents(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n);
}

/** Fetches and parses the emulator's custom report through the connector, as the limit does. */
async function fetchPeople(emulator: EmulatorProcess): Promise<NormalizedEmployee[]> {
  const http = createHttpClient({ baseUrl: emulator.url, rateLimit: bamboohr.rateLimit, log });
  const people: NormalizedEmployee[] = [];
  for await (const item of bamboohr.fetch({
    config: { companyDomain: emulator.domain, apiKey: emulator.apiKey },
    http,
    signal: new AbortController().signal,
    log,
    today: new Date().toISOString().slice(0, 10),
  })) {
    if (item.kind === 'employee') {
      const parsed = safeParseEmployee(item.employee);
      if (parsed.success) people.push(parsed.data);
    }
  }
  return people;
}

function learnerRows(people: readonly NormalizedEmployee[], tenantId: string, now: string) {
  return people.map(({ externalId, ...person }) =>
    newLearnerRow({ tenantId, source: 'hris', person, connectionId: tenantId, externalId }, now),
  );
}

/**
 * Context, in a fresh store (the state a full sync begins from; the limit inserts into a store
 * the sync already filled, which slows it): the raw insert alone, and the writes no sync can skip
 * — each new learner and its learner.created event (ADR 0004) in transactions of apply's size.
 */
async function freshStoreFigures(
  workDir: string,
  people: readonly NormalizedEmployee[],
): Promise<{ freshRawInsertSeconds: number; freshLearnersAndEventsSeconds: number }> {
  const inFreshStore = async (
    name: string,
    write: (db: Kysely<Database>, rows: ReturnType<typeof learnerRows>) => Promise<void>,
  ): Promise<number> => {
    const dataDir = path.join(workDir, name);
    const { store: fresh, dispose } = await openBenchStore(dataDir);
    try {
      const now = new Date().toISOString();
      const rows = learnerRows(people, (await createTenant(fresh.db, { slug: name }, now)).id, now);
      quiesce();
      const at = performance.now();
      await write(fresh.db, rows);
      return seconds(at);
    } finally {
      await dispose();
      // Every round's figures come from a store of their own.
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  const now = new Date().toISOString();
  return {
    freshRawInsertSeconds: await inFreshStore('fresh-limit', async (db, rows) => {
      await bulkInsert(db, 'learners', rows, { onConflictDoNothing: true });
    }),
    freshLearnersAndEventsSeconds: await inFreshStore('fresh-floor', async (db, rows) => {
      for (const part of chunk(rows, APPLY_BATCH)) {
        await db.transaction().execute(async (trx) => {
          await bulkInsert(trx, 'learners', part, { onConflictDoNothing: true });
          await appendCreatedEvents(trx, part, now);
        });
      }
    }),
  };
}

async function main(): Promise<Record<string, unknown>> {
  const emulator = await startEmulatorProcess(employees, SEED);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-bench-sync-'));
  try {
    const fullOnly = values['rss-only'];
    const rounds: Round[] = [];
    const warmupRounds: Round[] = [];
    // Warm-up rounds run first and are left out of the medians: in a fresh process the first full
    // sync also pays for compiling the engine's code, while the limit measured after it in the
    // same round runs compiled code (the same connector, already warm).
    const total = fullOnly ? 1 : warmups + runs;
    for (let i = 0; i < total; i++) {
      const measured = await measureRound(emulator, path.join(workDir, `round-${i}`), fullOnly);
      rmSync(path.join(workDir, `round-${i}`), { recursive: true, force: true });
      // The round's fetched people serve its fresh-store figures, then are let go (the next
      // round must not run with them in the heap).
      if (!fullOnly)
        Object.assign(measured, await freshStoreFigures(workDir, measured.people ?? []));
      delete measured.people;
      (i < total - runs ? warmupRounds : rounds).push(measured);
      // The next round starts from a clean heap, not one holding this round's garbage (the
      // limit's arrays), when the process runs with --expose-gc (`npm run bench` does).
      (globalThis as { gc?: () => void }).gc?.();
    }
    const first = (warmupRounds[0] ?? rounds[0]) as Round;
    // The process's first full sync's peak: later ones run after the limit's arrays.
    const peakAfterFirstFull = first.fullPeakRssMb;
    if (fullOnly)
      return {
        employees,
        dialect,
        fullSeconds: first.fullSeconds,
        fullCpuSeconds: first.fullCpuSeconds,
        fullPhases: first.fullPhases,
        peakRssMb: peakAfterFirstFull,
        counts: first.counts,
      };
    const of = (key: keyof Round): number[] => rounds.map((r) => Number(r[key]));
    const fullOverLimitOf = (r: Round): number => round(r.fullSeconds / Number(r.limitSeconds));
    const resyncOverFullOf = (r: Round): number => round(Number(r.resyncSeconds) / r.fullSeconds);
    const fullOverLimitRuns = rounds.map(fullOverLimitOf);
    const resyncOverFullRuns = rounds.map(resyncOverFullOf);
    const fetchParseSeconds = median(of('fetchParseSeconds'));
    const fullSeconds = median(of('fullSeconds'));
    const freshRawInsertSeconds = median(of('freshRawInsertSeconds'));
    const freshLearnersAndEventsSeconds = median(of('freshLearnersAndEventsSeconds'));
    const ratio = (denominator: number): number =>
      round(fullSeconds / (fetchParseSeconds + denominator));
    // What the writes no sync can skip cost against the limit, both in a fresh store: the least
    // full ÷ limit any sync keeping ADR 0004's events could read.
    const writeFloorOverLimitOf = (r: Round): number =>
      round(
        (Number(r.fetchParseSeconds) + Number(r.freshLearnersAndEventsSeconds)) /
          (Number(r.fetchParseSeconds) + Number(r.freshRawInsertSeconds)),
      );
    const last = rounds[rounds.length - 1] as Round;
    return {
      employees,
      dialect,
      runs: rounds.length,
      // Left out of every figure below; shown so the cold start stays visible.
      warmupRounds: warmupRounds.map((r) => ({
        fullSeconds: r.fullSeconds,
        limitSeconds: r.limitSeconds,
        resyncSeconds: r.resyncSeconds,
        fullOverLimit: fullOverLimitOf(r),
        resyncOverFull: resyncOverFullOf(r),
      })),
      // Medians over the rounds; each ratio is the median of the rounds' own ratios (a round's
      // full sync and limit run minutes apart at most, under the same outside load).
      fullSeconds,
      limitSeconds: median(of('limitSeconds')),
      fetchParseSeconds,
      rawInsertSeconds: median(of('rawInsertSeconds')),
      fullOverLimit: median(fullOverLimitRuns),
      fullOverLimitRuns,
      fullCpuSeconds: median(of('fullCpuSeconds')),
      limitCpuSeconds: median(of('limitCpuSeconds')),
      fullOverLimitCpu: median(
        rounds.map((r) => round(r.fullCpuSeconds / Number(r.limitCpuSeconds))),
      ),
      freshRawInsertSeconds,
      freshLearnersAndEventsSeconds,
      fullOverFreshLimit: ratio(freshRawInsertSeconds),
      fullOverFreshWriteFloor: ratio(freshLearnersAndEventsSeconds),
      writeFloorOverLimit: median(rounds.map(writeFloorOverLimitOf)),
      writeFloorOverLimitRuns: rounds.map(writeFloorOverLimitOf),
      resyncSeconds: median(of('resyncSeconds')),
      resyncCpuSeconds: median(of('resyncCpuSeconds')),
      resyncOverFull: median(resyncOverFullRuns),
      resyncOverFullRuns,
      resyncLearnerWrites: Math.max(...of('resyncLearnerWrites')),
      resyncNewEvents: Math.max(...of('resyncNewEvents')),
      peakRssMb: peakAfterFirstFull,
      fullPhases: last.fullPhases,
      resyncPhases: last.resyncPhases,
      counts: last.counts,
      resyncCounts: last.resyncCounts,
    };
  } finally {
    emulator.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

const result = await main();
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  path.join(resultsDir, `sync-${values.pg ? 'pg-' : ''}${employees}.json`),
  `${JSON.stringify(result, null, 2)}\n`,
);
console.log(JSON.stringify(result));
