import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Store } from '../src/db/database.ts';
import { openMigratedStore } from '../src/db/database.ts';
import { CLI_ACTOR } from '../src/db/repositories/audit.ts';
import { createTenant } from '../src/db/repositories/tenants.ts';
import type { CsvImportReport } from '../src/platform/csv-import.ts';
import { importLearnersCsv } from '../src/platform/csv-import.ts';
import { boundHeapGrowth } from '../src/heap.ts';
import { generatedRow, writeGeneratedCsv } from './generate-csv.ts';
import { peakRssMb } from './measure.ts';
import { benchSchemaName, pgAdmin } from './pg-admin.ts';

/**
 * `npm run bench [-- --rows N] [-- --pg <url>]`: times the CSV learner import on a fresh store
 * (first import, identical re-import, ~10% changed) and writes bench/results/csv-import.json.
 */

const SEED = 20_261_122;
const CHANGED_SHARE = 0.1;

interface Step {
  step: string;
  rows: number;
  seconds: number;
  /** User + system CPU time of this process: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  rowsPerSecond: number;
  /** The process's peak resident set size so far (it never goes down). */
  peakRssMb: number;
  created: number;
  updated: number;
  unchanged: number;
}

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '50000' }, pg: { type: 'string' } },
});
const rows = Number(values.rows);
// As the `rollcall` CLI and server do at start-up (ADR 0015): peak RSS then reads as they would.
boundHeapGrowth();
if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive integer`);

const workDir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-bench-'));
const pgSchema = values.pg ? benchSchemaName() : undefined;

let pgSchemaCreated = false;

async function openStore(): Promise<Store> {
  if (!values.pg) return openMigratedStore({ dataDir: path.join(workDir, 'data') });
  await pgAdmin(values.pg, `create schema ${pgSchema}`);
  pgSchemaCreated = true;
  return openMigratedStore({ dataDir: workDir, databaseUrl: values.pg, pgSchema });
}

async function timeImport(
  store: Store,
  tenantId: string,
  step: string,
  file: string,
  expect: Partial<CsvImportReport>,
): Promise<Step> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const report = await importLearnersCsv(store.db, {
    tenantId,
    input: createReadStream(file),
    mode: 'all-or-nothing',
    actor: CLI_ACTOR,
    now: new Date(),
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  for (const [key, want] of Object.entries(expect)) {
    const got = (report as unknown as Record<string, unknown>)[key];
    if (got !== want) {
      throw new Error(
        `${step}: expected ${key} = ${JSON.stringify(want)}, got ${JSON.stringify(got)}`,
      );
    }
  }
  return {
    step,
    rows: report.rows,
    seconds: Number(seconds.toFixed(3)),
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
    rowsPerSecond: Math.round(report.rows / seconds),
    peakRssMb: peakRssMb(),
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
  };
}

async function main(): Promise<void> {
  const base = path.join(workDir, 'learners.csv');
  const changed = path.join(workDir, 'learners-changed.csv');
  await writeGeneratedCsv(base, { rows, seed: SEED });
  const variant = { rows, seed: SEED, changedShare: CHANGED_SHARE };
  await writeGeneratedCsv(changed, variant);
  let changedRows = 0;
  for (let i = 0; i < rows; i++) {
    if (generatedRow(i, variant).join() !== generatedRow(i, { rows, seed: SEED }).join()) {
      changedRows += 1;
    }
  }

  const store = await openStore();
  const steps: Step[] = [];
  try {
    const now = new Date().toISOString();
    const tenant = await createTenant(store.db, { slug: 'bench' }, now);
    const ok = { applied: true, rows, errorCount: 0 };
    steps.push(await timeImport(store, tenant.id, 'first import', base, { ...ok, created: rows }));
    steps.push(await timeImport(store, tenant.id, 're-import', base, { ...ok, unchanged: rows }));
    steps.push(
      await timeImport(store, tenant.id, '10% changed', changed, {
        ...ok,
        updated: changedRows,
        unchanged: rows - changedRows,
      }),
    );
  } finally {
    await store.close();
  }

  console.log(`CSV import bench: ${rows} rows, ${store.dialect}, Node ${process.version}\n`);
  console.table(
    steps.map((s) => ({
      step: s.step,
      rows: s.rows,
      seconds: s.seconds,
      'cpu s': s.cpuSeconds,
      'rows/s': s.rowsPerSecond,
      'peak RSS MB': s.peakRssMb,
    })),
  );
  const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(resultsDir, { recursive: true });
  const result = {
    bench: 'csv-import',
    at: new Date().toISOString(),
    dialect: store.dialect,
    rows,
    seed: SEED,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    steps,
  };
  writeFileSync(path.join(resultsDir, 'csv-import.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), path.join(resultsDir, 'csv-import.json'))}`);
}

try {
  await main();
} finally {
  rmSync(workDir, { recursive: true, force: true });
  if (values.pg && pgSchemaCreated) await pgAdmin(values.pg, `drop schema ${pgSchema} cascade`);
}
