import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import { captureLog } from '../http/testing.ts';
import { readDropFile } from './drop.ts';
import type { SftpSession } from './sftp.ts';

const CSV = 'first_name,work_email\nAnn,ann@x.io\n';

function session(after: { size: number; mtime: number }): SftpSession {
  const file = { name: 'employees_1.csv', size: CSV.length, mtime: 100, isFile: true };
  return {
    list: () => Promise.resolve([file]),
    stat: () => Promise.resolve(after),
    read: () => Readable.from([Buffer.from(CSV)]),
    close: () => undefined,
  };
}

async function run(s: SftpSession): Promise<unknown> {
  const options = {
    directory: '/outbound',
    filePattern: 'employees_*.csv',
    idColumn: 'work_email' as const,
    today: '2026-06-15',
    log: captureLog().log,
  };
  try {
    for await (const item of readDropFile(s, options)) void item;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('readDropFile', () => {
  it('accepts a file that did not change while it was read', async () => {
    expect(await run(session({ size: CSV.length, mtime: 100 }))).toBeUndefined();
  });

  it('fails as truncated (retryable) when the file changed during the read', async () => {
    for (const after of [
      { size: CSV.length + 10, mtime: 101 },
      { size: CSV.length, mtime: 101 },
    ]) {
      const error = await run(session(after));
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ code: 'truncated', retryable: true });
      expect((error as Error).message).toMatch(/still being uploaded/);
    }
  });
});
