import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench`: every benchmark, each in its own process so peak RSS is its own. Prints a table
 * per bench and writes bench/results/latest.json. `-- --quick` runs smaller sizes.
 */
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const here = path.dirname(fileURLToPath(import.meta.url));
const bundler = path.join(here, '..', 'scripts', 'bundle-node.mjs');
const results = path.join(here, 'results');
mkdirSync(results, { recursive: true });

/**
 * Runs a bench script bundled as the CLI ships (scripts/bundle-node.mjs), not through tsx: tsx
 * keeps function names, a `defineProperty` on every closure made, which slows the hot loops the
 * bench measures by 10–15%. The bundle sits beside the script (bench/*.bundle.mjs, gitignored),
 * so paths relative to it stay right.
 */
function run(script: string, args: string[]): void {
  const bundle = path.join(here, script.replace(/\.ts$/, '.bundle.mjs'));
  const built = spawnSync(process.execPath, [bundler, path.join(here, script), bundle], {
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error(`bundling ${script} failed with ${built.status}`);
  // --expose-gc: the sync bench collects garbage between its rounds (each starts from a clean heap).
  const out = spawnSync(process.execPath, ['--expose-gc', bundle, ...args], { stdio: 'inherit' });
  if (out.status !== 0) throw new Error(`${script} ${args.join(' ')} failed with ${out.status}`);
}

const csvRows = values.quick ? 5_000 : 50_000;
const syncSizes = values.quick ? [5_000, 10_000] : [100_000, 200_000];
run('csv-import.ts', ['--rows', String(csvRows)]);
run('sync.ts', ['--employees', String(syncSizes[0])]);
run('sync.ts', ['--employees', String(syncSizes[1]), '--rss-only']);

const read = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(results, file), 'utf8')) as Record<string, unknown>;
const full = read(`sync-${syncSizes[0]}.json`);
const big = read(`sync-${syncSizes[1]}.json`);
const targets = [
  {
    target: `full sync ≤ 1.5× limit (${syncSizes[0]})`,
    value: full['fullOverLimit'],
    met: Number(full['fullOverLimit']) <= 1.5,
  },
  {
    target: 'no-change resync ≤ 0.3× full',
    value: full['resyncOverFull'],
    met: Number(full['resyncOverFull']) <= 0.3,
  },
  {
    target: 'no-change resync: zero learner writes',
    value: full['resyncLearnerWrites'],
    met: full['resyncLearnerWrites'] === 0,
  },
  {
    target: `peak RSS ≤ 400 MB (${syncSizes[0]})`,
    value: full['peakRssMb'],
    met: Number(full['peakRssMb']) <= 400,
  },
  {
    target: `peak RSS ≤ 400 MB (${syncSizes[1]})`,
    value: big['peakRssMb'],
    met: Number(big['peakRssMb']) <= 400,
  },
];
/** Two figures' sum, or nothing when a run did not measure them (`--rss-only`). */
const plus = (a: unknown, b: unknown): number | undefined =>
  a === undefined || b === undefined ? undefined : Number((Number(a) + Number(b)).toFixed(2));
console.log(
  `\nSync bench (BambooHR custom report from the emulator, embedded SQLite, Node ${process.version})`,
);
console.table(
  [full, big].map((r) => ({
    employees: r['employees'],
    'full s': r['fullSeconds'],
    'full CPU s': r['fullCpuSeconds'],
    'limit s': r['limitSeconds'],
    'fresh-store limit s': plus(r['fetchParseSeconds'], r['freshRawInsertSeconds']),
    'fresh-store learners+events s': plus(
      r['fetchParseSeconds'],
      r['freshLearnersAndEventsSeconds'],
    ),
    'write floor ÷ limit': r['writeFloorOverLimit'],
    'resync s': r['resyncSeconds'],
    'resync CPU s': r['resyncCpuSeconds'],
    'peak RSS MB': r['peakRssMb'],
  })),
);
console.table(targets);
writeFileSync(
  path.join(results, 'latest.json'),
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, csv: read('csv-import.json'), sync: [full, big], targets }, null, 2)}\n`,
);
console.log('wrote bench/results/latest.json');
