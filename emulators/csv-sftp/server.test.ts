import ssh2 from 'ssh2';
import type { SFTPWrapper } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { checkHeader, mapCsvHeader } from '../../src/platform/csv-columns.ts';
import { SENSITIVE_MARKER } from '../shared/company.ts';
import { generateEd25519KeyPair } from './keys.ts';
import { CSV_HEADER, csvCell, renderCompanyCsv, SENSITIVE_COLUMNS } from './render.ts';
import { startCsvSftpSandbox } from './sandbox.ts';
import { startCsvSftpEmulator, type CsvSftpEmulator } from './server.ts';

let emulator: CsvSftpEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A plain ssh2 client session against the emulator (no host key check: this is the server's test). */
async function connect(
  e: CsvSftpEmulator,
  auth: { password?: string; privateKey?: string } = { password: e.password ?? '' },
): Promise<{ sftp: SFTPWrapper; end: () => void }> {
  const client = new ssh2.Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve).once('error', reject);
    client.connect({ host: '127.0.0.1', port: e.port, username: e.username, ...auth });
  });
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) =>
    client.sftp((error, s) => (error ? reject(error) : resolve(s))),
  );
  return { sftp, end: () => client.end() };
}

const call = <T>(run: (cb: (error: Error | null | undefined, value: T) => void) => void) =>
  new Promise<T>((resolve, reject) =>
    run((error, value) => (error ? reject(error) : resolve(value))),
  );

describe('startCsvSftpEmulator', () => {
  it('serves the company in the CSV upload format, read-only, inside its folder', async () => {
    emulator = await startCsvSftpEmulator({ company: { size: 10, today: '2026-06-15' } });
    expect(emulator.hostKeySha256).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const { sftp, end } = await connect(emulator);
    try {
      const entries = await call<{ filename: string }[]>((cb) => sftp.readdir('/outbound', cb));
      expect(entries.map((e) => e.filename)).toEqual(['employees_20260615.csv']);
      const text = await call<Buffer>((cb) =>
        sftp.readFile('/outbound/employees_20260615.csv', cb),
      );
      expect(text.toString()).toBe(renderCompanyCsv(emulator.company));
      expect(await call<string>((cb) => sftp.realpath('outbound/../outbound', cb))).toBe(
        '/outbound',
      );
      // `..` never leaves the served folder.
      const escaped = await call<{ filename: string }[]>((cb) =>
        sftp.readdir('/../../outbound', cb),
      );
      expect(escaped).toHaveLength(1);
      await expect(
        call((cb) => sftp.writeFile('/outbound/x.csv', 'x', (error) => cb(error, undefined))),
      ).rejects.toMatchObject({ code: 3 });
      await expect(
        call((cb) => sftp.unlink('/outbound/employees_20260615.csv', (e) => cb(e, undefined))),
      ).rejects.toMatchObject({ code: 3 });
      await expect(call((cb) => sftp.stat('/outbound/none.csv', cb))).rejects.toMatchObject({
        code: 2,
      });
    } finally {
      end();
    }
    expect(emulator.stats.opened).toEqual(['/outbound/employees_20260615.csv']);
  });

  it('accepts the configured key, refuses other keys and bad passwords', async () => {
    const key = generateEd25519KeyPair();
    emulator = await startCsvSftpEmulator({ company: { size: 3 }, publicKey: key.public });
    (await connect(emulator, { privateKey: key.private })).end();
    const other = generateEd25519KeyPair().private;
    await expect(connect(emulator, { privateKey: other })).rejects.toMatchObject({
      level: 'client-authentication',
    });
    await expect(connect(emulator, { password: 'wrong' })).rejects.toMatchObject({
      level: 'client-authentication',
    });
    expect(emulator.stats.authFailures).toBe(2);
  });

  it('ends reads early on the truncation fault while the size stays', async () => {
    emulator = await startCsvSftpEmulator({ files: [{ name: 'a.csv', content: 'x'.repeat(100) }] });
    emulator.setFaults({ truncateReadsAt: 40 });
    const { sftp, end } = await connect(emulator);
    try {
      const data = await call<Buffer>((cb) => sftp.readFile('/outbound/a.csv', cb));
      expect(data.length).toBe(40);
      const stats = await call<{ size: number }>((cb) => sftp.stat('/outbound/a.csv', cb));
      expect(stats.size).toBe(100);
    } finally {
      end();
    }
  });
});

describe('renderCompanyCsv', () => {
  it('writes a header the CSV upload accepts, plus the sensitive columns it ignores', async () => {
    emulator = await startCsvSftpEmulator({ company: { size: 40 } });
    const text = renderCompanyCsv(emulator.company);
    const header = text.slice(0, text.indexOf('\n')).split(',');
    expect(header).toEqual([...CSV_HEADER, ...SENSITIVE_COLUMNS]);
    const mapping = mapCsvHeader(header);
    const { problems, unusable } = checkHeader(header, mapping);
    expect(unusable).toBe(false);
    expect(problems.map((p) => p.column)).toEqual([...SENSITIVE_COLUMNS]);
    expect(text).toContain(SENSITIVE_MARKER);
    expect(renderCompanyCsv(emulator.company, { sensitive: false })).not.toContain(
      SENSITIVE_MARKER,
    );
  });

  it('quotes cells as RFC 4180 says', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});

describe('startCsvSftpSandbox', () => {
  it('serves a fixed, public config on loopback with a stable host key', async () => {
    const sandbox = await startCsvSftpSandbox();
    try {
      expect(sandbox.connectorId).toBe('csv-sftp');
      expect(sandbox.baseUrl).toMatch(/^sftp:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.config).toMatchObject({ username: 'sandbox', directory: '/outbound' });
      const again = await startCsvSftpSandbox();
      expect(again.config['hostKeySha256']).toBe(sandbox.config['hostKeySha256']);
      await again.close();
    } finally {
      await sandbox.close();
    }
  });
});
