import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { normalizedEmployeeSchema } from '../../core/employee.ts';

/** `UPDATE_GOLDEN=1 npx vitest run src/connectors` rewrites goldens; review every changed line. */
export const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1';

/**
 * JSON with object keys sorted at every level and a trailing newline: the same value always gives
 * the same bytes, so goldens diff cleanly and a content hash is stable.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** Fixed "today" of every golden: fixtures place dates around it. */
export const GOLDEN_TODAY = '2026-06-15';

/** The `fixtures/` folder beside a test file: `fixturesDir(import.meta.url)`. */
export function fixturesDir(testFileUrl: string): string {
  return join(dirname(fileURLToPath(testFileUrl)), 'fixtures');
}

/**
 * Every mapped employee in `results` is already exactly what the normalized schema makes of it:
 * nothing left to coerce, default or strip. Failed results are skipped (the golden holds them).
 */
export function expectNormalizedEmployees(
  results: readonly ({ ok: true; employee: unknown } | { ok: false })[],
): void {
  for (const result of results) {
    if (result.ok) expect(normalizedEmployeeSchema.parse(result.employee)).toEqual(result.employee);
  }
}

/** The input fixtures of a folder (`*.json` but not `*.golden.json`), sorted by name. */
export function listFixtures(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.golden.json'))
    .sort()
    .map((name) => join(dir, name));
}

export function goldenPathFor(fixturePath: string): string {
  return fixturePath.replace(/\.json$/, '.golden.json');
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** The records of a fixture: the array under `key`, or the whole file when it is a bare array. */
export function readJsonArray(path: string, key?: string): unknown[] {
  const body = readJson(path);
  const records = key === undefined ? body : (body as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(records))
    throw new Error(key === undefined ? `${path}: not a JSON array` : `${path}: no ${key} array`);
  return records;
}

/**
 * Compares `actual` with the golden file as canonical JSON. With UPDATE_GOLDEN=1 it writes the
 * golden instead; a missing golden is an error otherwise, so a new fixture cannot pass unreviewed.
 */
export function expectGolden(actual: unknown, goldenPath: string): void {
  const text = canonicalJson(actual);
  if (UPDATE_GOLDEN) {
    writeFileSync(goldenPath, text);
    return;
  }
  if (!existsSync(goldenPath)) {
    throw new Error(
      `no golden ${basename(goldenPath)}: run with UPDATE_GOLDEN=1, then review it line by line`,
    );
  }
  expect(text).toBe(readFileSync(goldenPath, 'utf8'));
}
