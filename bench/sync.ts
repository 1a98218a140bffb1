import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { bamboohr } from '../src/connectors/bamboohr/index.ts';
import { createHttpClient } from '../src/connectors/http/client.ts';
import type { NormalizedEmployee } from '../src/core/employee.ts';
import { safeParseEmployee } from '../src/core/employee.ts';
import { openMigratedStore } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { createConnection } from '../src/db/repositories/connections.ts';
import { appendCreatedEvents, newLearnerRow } from '../src/db/repositories/learners.ts';
import { createTenant } from '../src/db/repositories/tenants.ts';
import { bulkInsert, chunk, rowsPerInsert } from '../src/db/portable.ts';
import { keyFromHex, seal } from '../src/secrets/keyring.ts';
import { getConnector } from '../src/connectors/registry.ts';
import { runSync } from '../src/sync/run.ts';
import type { EngineDeps } from '../src/sync/engine.ts';
import { startEmulatorProcess } from './emulator-process.ts';
import { boundHeapGrowth } from '../src/heap.ts';

/**
 * `tsx bench/sync.ts --employees N [--rss-only]`: a full BambooHR sync of N people from the
 * emulator's custom report on the embedded store, against the limit measured in the same run
 * (fetching + parsing the same response, plus one raw bulk insert of the same normalized rows),
 * then a no-change resync. Writes bench/results/sync-<N>.json.
 */
const { values } = parseArgs({
  options: {
    employees: { type: 'string', default: '100000' },
    'rss-only': { type: 'boolean', default: false },
  },
});
const employees = Number(values.employees);
// As the `rollcall` CLI does at start-up (ADR 0015).
boundHeapGrowth();
const SEED = 20_261_122;
const KEY = keyFromHex('cd'.repeat(32));

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (since: number): number => Number(((performance.now() - since) / 1000).toFixed(2));
const round = (s: number): number => Number(s.toFixed(2));
/** CPU seconds of this process since `since` (steadier than wall time on a busy machine). */
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return round((used.user + used.system) / 1e6);
};

/**
 * Wall and CPU seconds per engine phase, from the engine's progress events (a phase ends when the
 * next starts), and the largest RSS seen at those events (MB).
 */
class PhaseClock {
  #phases: { phase: string; at: number; cpu: number; rssMb: number; heapMb: number }[] = [];

  readonly onProgress = ({ phase }: { phase: string }): void => {
    const { rss, heapUsed } = process.memoryUsage();
    const [rssMb, heapMb] = [Math.round(rss / 2 ** 20), Math.round(heapUsed / 2 ** 20)];
    const last = this.#phases[this.#phases.length - 1];
    if (last?.phase === phase) {
      last.rssMb = Math.max(last.rssMb, rssMb);
      last.heapMb = Math.max(last.heapMb, heapMb);
    } else this.#phases.push({ phase, at: performance.now(), cpu: cpuNow(), rssMb, heapMb });
  };

  start(): void {
    this.#phases = [{ phase: 'start', at: performance.now(), cpu: cpuNow(), rssMb: 0, heapMb: 0 }];
  }

  result(): Record<string, PhaseFigures> {
    const end = { at: performance.now(), cpu: cpuNow() };
    const out: Record<string, PhaseFigures> = {};
    this.#phases.forEach(({ phase, at, cpu, rssMb, heapMb }, i) => {
      const next = this.#phases[i + 1] ?? end;
      out[phase] = {
        seconds: round((next.at - at) / 1000),
        cpuSeconds: round((next.cpu - cpu) / 1e6),
        rssMb,
        heapMb,
      };
    });
    return out;
  }
}

/** Per phase: wall and CPU seconds, the largest RSS and V8 heap in use seen (MB). */
interface PhaseFigures {
  seconds: number;
  cpuSeconds: number;
  rssMb: number;
  heapMb: number;
}

function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

async function main(): Promise<Record<string, unknown>> {
  const emulator = await startEmulatorProcess(employees, SEED);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-bench-sync-'));
  const store = await openMigratedStore({ dataDir: path.join(workDir, 'data') });
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
    const log = pino({ level: 'silent' });
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

    clock.start();
    let cpu = process.cpuUsage();
    let started = performance.now();
    const full = await runSync(deps, {
      tenantId: tenant.id,
      connectionId: connection.id,
      trigger: 'cli',
      mode: 'apply',
    });
    const fullSeconds = seconds(started);
    const fullCpuSeconds = cpuSeconds(cpu);
    // "start" is the run's set-up and the fetch with the snapshot staging; "plan" runs to the first
    // applied batch.
    const fullPhases = clock.result();
    if (full.status !== 'succeeded')
      throw new Error(`full sync ${full.status}: ${full.errorMessage ?? ''}`);
    const fullRss = peakRssMb();
    if (values['rss-only'])
      return {
        employees,
        fullSeconds,
        fullCpuSeconds,
        fullPhases,
        peakRssMb: fullRss,
        counts: full.counts,
      };

    const before = await store.db
      .selectFrom('learners')
      .select(['id', 'version', 'updatedAt'])
      .execute();
    const eventsBefore = await store.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    clock.start();
    cpu = process.cpuUsage();
    started = performance.now();
    const resync = await runSync(deps, {
      tenantId: tenant.id,
      connectionId: connection.id,
      trigger: 'cli',
      mode: 'apply',
    });
    const resyncSeconds = seconds(started);
    const resyncCpuSeconds = cpuSeconds(cpu);
    const resyncPhases = clock.result();
    const after = await store.db
      .selectFrom('learners')
      .select(['id', 'version', 'updatedAt'])
      .execute();
    const eventsAfter = await store.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const previous = new Map(before.map((l) => [l.id, `${l.version}/${l.updatedAt}`]));
    const learnerWrites = after.filter(
      (l) => previous.get(l.id) !== `${l.version}/${l.updatedAt}`,
    ).length;

    // The limit: the same fetch and parse, plus one raw bulk insert of the same normalized rows.
    cpu = process.cpuUsage();
    started = performance.now();
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
    const fetchSeconds = seconds(started);
    // The raw insert goes through the store's bulk path (prepared statements on SQLite, one
    // transaction), the fastest way this store writes rows and the one the engine's writes use.
    const rowsFor = async (slug: string) => {
      const scratch = await createTenant(store.db, { slug }, now);
      return people.map(({ externalId, ...person }) =>
        newLearnerRow(
          { tenantId: scratch.id, source: 'hris', person, connectionId: slug, externalId },
          now,
        ),
      );
    };
    const insertStarted = performance.now();
    await bulkInsert(store.db, 'learners', await rowsFor('limit'), { onConflictDoNothing: true });
    const insertSeconds = seconds(insertStarted);
    const limitCpuSeconds = cpuSeconds(cpu);
    const limitSeconds = Number((fetchSeconds + insertSeconds).toFixed(2));

    // For comparison with figures before the engine used prepared statements: the same rows as
    // Kysely multi-row statements in one transaction (the limit's raw insert until then).
    const kyselyStarted = performance.now();
    const kyselyRows = await rowsFor('limit-kysely');
    await store.db.transaction().execute(async (trx) => {
      for (const part of chunk(
        kyselyRows,
        rowsPerInsert(Object.keys(kyselyRows[0] ?? {}).length),
      )) {
        await trx
          .insertInto('learners')
          .values(part)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
    const kyselyInsertSeconds = seconds(kyselyStarted);

    // The same writes in a fresh store, the state the full sync began from (the limit above
    // inserts into a store that already holds the full sync's rows, which slows it): the raw
    // insert alone, and the writes no sync can skip — each new learner and its learner.created
    // event (ADR 0004) in transactions of the engine's apply size. Context for the ratio.
    const inFreshStore = async (
      name: string,
      write: (db: Kysely<Database>, rows: Awaited<ReturnType<typeof rowsFor>>) => Promise<void>,
    ): Promise<number> => {
      const fresh = await openMigratedStore({ dataDir: path.join(workDir, name) });
      try {
        const scratch = await createTenant(fresh.db, { slug: name }, now);
        const rows = people.map(({ externalId, ...person }) =>
          newLearnerRow(
            { tenantId: scratch.id, source: 'hris', person, connectionId: name, externalId },
            now,
          ),
        );
        const at = performance.now();
        await write(fresh.db, rows);
        return seconds(at);
      } finally {
        await fresh.close();
      }
    };
    const freshRawInsertSeconds = await inFreshStore('fresh-limit', async (db, rows) => {
      await bulkInsert(db, 'learners', rows, { onConflictDoNothing: true });
    });
    const freshLearnersAndEventsSeconds = await inFreshStore('fresh-floor', async (db, rows) => {
      for (const part of chunk(rows, 5_000)) {
        await db.transaction().execute(async (trx) => {
          await bulkInsert(trx, 'learners', part, { onConflictDoNothing: true });
          await appendCreatedEvents(trx, part, now);
        });
      }
    });
    const ratio = (denominator: number): number =>
      Number((fullSeconds / (fetchSeconds + denominator)).toFixed(2));
    return {
      employees,
      fullSeconds,
      limitSeconds,
      fetchParseSeconds: fetchSeconds,
      rawInsertSeconds: insertSeconds,
      fullOverLimit: Number((fullSeconds / limitSeconds).toFixed(2)),
      kyselyMultiRowInsertSeconds: kyselyInsertSeconds,
      fullOverKyselyLimit: Number((fullSeconds / (fetchSeconds + kyselyInsertSeconds)).toFixed(2)),
      freshRawInsertSeconds,
      fullOverFreshLimit: ratio(freshRawInsertSeconds),
      freshLearnersAndEventsSeconds,
      fullOverFreshWriteFloor: ratio(freshLearnersAndEventsSeconds),
      fullCpuSeconds,
      limitCpuSeconds,
      fullPhases,
      resyncCpuSeconds,
      resyncPhases,
      resyncSeconds,
      resyncOverFull: Number((resyncSeconds / fullSeconds).toFixed(2)),
      resyncLearnerWrites: learnerWrites,
      resyncNewEvents: Number(eventsAfter?.n) - Number(eventsBefore?.n),
      peakRssMb: fullRss,
      counts: full.counts,
      resyncCounts: resync.counts,
    };
  } finally {
    emulator.stop();
    await store.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

const result = await main();
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  path.join(resultsDir, `sync-${employees}.json`),
  `${JSON.stringify(result, null, 2)}\n`,
);
console.log(JSON.stringify(result));
