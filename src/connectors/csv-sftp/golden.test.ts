import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { captureLog } from '../http/testing.ts';
import { expectGolden, fixturesDir, GOLDEN_TODAY } from '../testing/golden.ts';
import { readDropFile } from './drop.ts';
import type { SftpSession } from './sftp.ts';

const FIXTURES = fixturesDir(import.meta.url);

/** One file served from memory, as the SFTP session would list, stat and stream it. */
function sessionFor(path: string): SftpSession {
  const bytes = readFileSync(path);
  const file = { name: basename(path), size: bytes.length, mtime: 1_781_000_000, isFile: true };
  return {
    list: () => Promise.resolve([file]),
    stat: () => Promise.resolve({ size: file.size, mtime: file.mtime }),
    read: () => {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += 64) chunks.push(bytes.subarray(i, i + 64));
      return Readable.from(chunks);
    },
    close: () => undefined,
  };
}

async function itemsOf(path: string): Promise<{ items: unknown[]; logs: string }> {
  const capture = captureLog();
  const items: unknown[] = [];
  for await (const item of readDropFile(sessionFor(path), {
    directory: '/outbound',
    filePattern: '*.csv',
    idColumn: 'work_email',
    today: GOLDEN_TODAY,
    log: capture.log,
  })) {
    items.push(item);
  }
  return { items, logs: capture.dump() };
}

describe('csv-sftp golden files (CSV fixtures → fetch items)', () => {
  const fixtures = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.csv'))
    .sort()
    .map((name) => join(FIXTURES, name));

  it('has the documented scenarios', () => {
    expect(fixtures.map((path) => basename(path, '.csv'))).toEqual(['lifecycle', 'messy-export']);
  });

  for (const path of fixtures) {
    it(`maps ${basename(path)}`, async () => {
      expect(statSync(path).size).toBeGreaterThan(0);
      const { items, logs } = await itemsOf(path);
      expectGolden(items, path.replace(/\.csv$/, '.golden.json'));
      expect(JSON.stringify(items)).not.toContain('SENSITIVE-');
      expect(logs).not.toContain('SENSITIVE-');
    });
  }
});
