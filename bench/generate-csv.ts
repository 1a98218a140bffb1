import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A deterministic learner CSV for the bench and the tests. Row i depends only on (seed, i), so a
 * file generated with `changedShare` differs from the base file in exactly the changed rows.
 */
export interface GenerateCsvOptions {
  rows: number;
  seed?: number;
  /** Share (0–1) of rows whose department and job title differ from the base file. */
  changedShare?: number;
}

export const GENERATED_HEADER = [
  'First Name',
  'Last Name',
  'Work Email',
  'Department',
  'Job Title',
  'Employee Type',
  'Location',
  'Country',
  'Manager Email',
  'Employee ID',
  'Employment Status',
  'Start Date',
] as const;

const FIRST = ['Ada', 'Björn', 'Chloé', 'Dmitri', 'Eun-ji', 'Farah', 'Grace', 'Hiroshi', 'Inès'];
const MORE_FIRST = ['José', 'Kofi', 'Łucja', 'María', 'Nguyễn', 'Olu', 'Priya', 'Søren', 'Zoë'];
const LAST = ['Okafor', 'Müller', "O'Neil", 'García', 'Nakamura', 'Kowalski', 'Smith', 'Dubois'];
const MORE_LAST = ['Andersson', 'Rossi', 'Van der Berg', 'Ivanova', 'Chen', 'Haddad', 'Silva'];
const DEPARTMENTS = ['Engineering', 'Sales, EMEA', 'Finance', 'People', 'Support', 'Marketing'];
const TITLES = ['Engineer', 'Senior Engineer', 'Account Executive', 'Analyst', 'Manager, Ops'];
const TYPES = ['Full-Time', 'Part-Time', 'Contractor'];
const LOCATIONS = ['Berlin', 'Lisbon', 'New York', 'Remote', ''];
const COUNTRIES = ['DE', 'PT', 'US', 'FR', 'JP'];

/** mulberry32: tiny, fast and good enough for test data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function asciiLocal(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

/** Row i as cells, in GENERATED_HEADER order. */
export function generatedRow(index: number, options: GenerateCsvOptions): string[] {
  const seed = options.seed ?? 1;
  const next = random(seed * 1_000_003 + index);
  const first = pick(next, next() < 0.5 ? FIRST : MORE_FIRST);
  const last = pick(next, next() < 0.5 ? LAST : MORE_LAST);
  let department = pick(next, DEPARTMENTS);
  let title = pick(next, TITLES);
  const changed = random(seed * 7_919 + index * 31 + 17)() < (options.changedShare ?? 0);
  if (changed) {
    department = `${department} (reorg)`;
    title = `${title} II`;
  }
  const local = `${asciiLocal(first)}.${asciiLocal(last)}.${index}`;
  // Some exports upper-case emails; the import must match them case-insensitively.
  const email = next() < 0.1 ? `${local}@Example.COM` : `${local}@example.com`;
  const manager = index === 0 ? '' : `manager.${Math.floor(index / 8)}@example.com`;
  const roll = next();
  const status = roll < 0.95 ? 'active' : roll < 0.98 ? 'pending' : 'terminated';
  const start = new Date(Date.UTC(2012, 0, 1) + Math.floor(next() * 5000) * 86_400_000);
  return [
    first,
    last,
    email,
    department,
    title,
    pick(next, TYPES),
    pick(next, LOCATIONS),
    pick(next, COUNTRIES),
    manager,
    `E${String(100_000 + index)}`,
    status,
    start.toISOString().slice(0, 10),
  ];
}

/** The file as lines (header first), each ending in a newline. */
export function* generatedLines(options: GenerateCsvOptions): Generator<string> {
  yield `${GENERATED_HEADER.join(',')}\n`;
  for (let i = 0; i < options.rows; i++) {
    yield `${generatedRow(i, options).map(cell).join(',')}\n`;
  }
}

export function generateCsv(options: GenerateCsvOptions): string {
  return [...generatedLines(options)].join('');
}

/** Writes the file with backpressure, so a large file never sits in memory whole. */
export async function writeGeneratedCsv(path: string, options: GenerateCsvOptions): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  for (const line of generatedLines(options)) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
