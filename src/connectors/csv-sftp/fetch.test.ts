import ssh2 from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../../emulators/csv-sftp/keys.ts';
import { expectConnectorError, runTestFetch } from '../testing/run.ts';
import { OTHER_FINGERPRINT, startCsvSftpTarget, type CsvSftpTarget } from './emulator-target.ts';
import { csvSftp } from './index.ts';

let target: CsvSftpTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const HEADER = 'employee_number,first_name,last_name,work_email,employment_status,start_date\n';
const at = (day: number): Date => new Date(Date.UTC(2026, 5, day, 6));

async function withFiles(files: { name: string; content: string; mtime?: Date }[]) {
  target = await startCsvSftpTarget({ files });
  return target;
}

describe('csv-sftp fetch: picking the file', () => {
  it('reads the most recently modified file matching the pattern, nothing else', async () => {
    const t = await withFiles([
      { name: 'employees_0613.csv', content: `${HEADER}1,Old,File,old@x.io,,\n`, mtime: at(13) },
      { name: 'employees_0614.csv', content: `${HEADER}2,New,File,new@x.io,,\n`, mtime: at(14) },
      { name: 'employees_0615.csv.part', content: 'garbage', mtime: at(16) },
      { name: 'contractors.csv', content: `${HEADER}3,Con,Tractor,c@x.io,,\n`, mtime: at(16) },
    ]);
    const result = await t.fetch();
    expect(result.error).toBeUndefined();
    expect(result.employees.map((e) => e.externalId)).toEqual(['new@x.io']);
    expect(t.emulator.stats.opened).toEqual(['/outbound/employees_0614.csv']);
    expect(result.logs).toContain('"file":"employees_0614.csv"');

    const other = await t.fetch({ filePattern: 'contractors.csv' });
    expect(other.employees.map((e) => e.externalId)).toEqual(['c@x.io']);
  });

  it('fails clearly when no file matches (never an empty directory)', async () => {
    const t = await withFiles([{ name: 'notes.txt', content: 'hello' }]);
    const error = expectConnectorError(await t.fetch());
    expect(error).toMatchObject({ code: 'not_found', retryable: true });
    expect(error.message).toMatch(/no file matching employees_\*\.csv in \/outbound/);
    expect(error.message).toMatch(/nothing was changed/);
  });

  it('fails as not_found, not retryable, when the directory does not exist', async () => {
    const t = await withFiles([]);
    const error = expectConnectorError(await t.fetch({ directory: '/nope' }));
    expect(error).toMatchObject({ code: 'not_found', retryable: false });
    expect(error.message).toMatch(/listing \/nope/);
  });

  it('refuses a 0-byte file and a file without a usable header, changing nothing', async () => {
    const t = await withFiles([{ name: 'employees_1.csv', content: '' }]);
    expect(expectConnectorError(await t.fetch())).toMatchObject({
      code: 'invalid_payload',
      message: expect.stringMatching(/empty \(0 bytes\)/) as unknown,
    });
    await t.emulator.writeFile({ name: 'employees_1.csv', content: 'name,dept\nAnn,Sales\n' });
    const error = expectConnectorError(await t.fetch());
    expect(error.code).toBe('invalid_payload');
    expect(error.message).toMatch(/needs a work_email column/);
  });

  it('needs the id column of the connection', async () => {
    const t = await withFiles([
      { name: 'employees_1.csv', content: `first_name,email\nA,a@x.io\n` },
    ]);
    const error = expectConnectorError(await t.fetch({ idColumn: 'employee_number' }));
    expect(error).toMatchObject({ code: 'invalid_payload', retryable: false });
    expect(error.message).toMatch(/no employee_number column/);
  });
});

describe('csv-sftp fetch: rows', () => {
  it('yields nothing for a header without rows (the engine guard decides)', async () => {
    const t = await withFiles([{ name: 'employees_1.csv', content: HEADER }]);
    const result = await t.fetch();
    expect(result.error).toBeUndefined();
    expect(result.items).toEqual([]);
  });

  it('reports bad rows with their line and goes on', async () => {
    const t = await withFiles([
      {
        name: 'employees_1.csv',
        content:
          HEADER +
          '1,Ann,A,ann@x.io,active,2020-01-01\n' +
          '2,Bob,B,bob@x.io,on leave,2020-01-01\n' +
          '3,Cy\n' +
          '4,Di,D,ann@x.io,,\n' +
          '5,Ed,E,ed@x.io,terminated,2019-01-01\n',
      },
    ]);
    const result = await t.fetch();
    expect(result.error).toBeUndefined();
    expect(result.employees.map((e) => [e.externalId, e.employmentStatus])).toEqual([
      ['ann@x.io', 'active'],
      ['ed@x.io', 'terminated'],
    ]);
    expect(result.recordErrors).toEqual([
      {
        kind: 'record_error',
        externalId: 'bob@x.io',
        code: 'invalid_value',
        message: 'line 3: employment_status must be one of active, pending, terminated',
      },
      {
        kind: 'record_error',
        externalId: null,
        code: 'malformed_row',
        message: 'line 4: the row has 2 cells but the header has 6',
      },
      {
        kind: 'record_error',
        externalId: 'ann@x.io',
        code: 'duplicate_id',
        message: 'line 5: work_email already appears on line 2',
      },
    ]);
  });

  it('marks the snapshot incomplete when a quote swallows the rest of the file', async () => {
    const t = await withFiles([
      { name: 'employees_1.csv', content: `${HEADER}1,Ann,A,ann@x.io,,\n2,"Bob,B,bob@x.io,,\n` },
    ]);
    const result = await t.fetch();
    expect(result.error).toBeUndefined();
    expect(result.items.map((i) => i.kind)).toEqual(['employee', 'page_error']);
  });

  it('identifies people by employee number when configured', async () => {
    const t = await withFiles([
      {
        name: 'employees_1.csv',
        content: `${HEADER}E1,Ann,A,,,\nE2,Bob,B,bob@x.io,,\n,Cy,C,c@x.io,,\n`,
      },
    ]);
    const result = await t.fetch({ idColumn: 'employee_number' });
    expect(result.employees.map((e) => [e.externalId, e.workEmail])).toEqual([
      ['E1', null],
      ['E2', 'bob@x.io'],
    ]);
    expect(result.recordErrors.map((e) => e.message)).toEqual(['line 4: employee_number is empty']);
  });
});

describe('csv-sftp fetch: transport', () => {
  it('fails as truncated (retryable) when the transfer stops short', async () => {
    target = await startCsvSftpTarget({
      company: { size: 300 },
      faults: { truncateReadsAt: 5000 },
    });
    const result = await target.fetch();
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'truncated', retryable: true });
    expect(error.message).toMatch(/of \d+ bytes/);
    target.emulator.setFaults({ truncateReadsAt: undefined });
    expect((await target.fetch()).error).toBeUndefined();
  });

  it('refuses a server whose host key does not match, naming the key it presented', async () => {
    target = await startCsvSftpTarget({ company: { size: 5 } });
    const result = await target.fetch({ hostKeySha256: OTHER_FINGERPRINT });
    const error = expectConnectorError(result);
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(error.message).toContain(`presented ${target.emulator.hostKeySha256}`);
    expect(error.message).toContain(`pins ${OTHER_FINGERPRINT}`);
    // Pinned before authentication: the password was never sent.
    expect(target.emulator.stats.authFailures).toBe(0);
  });

  it('accepts the fingerprint with or without padding', async () => {
    target = await startCsvSftpTarget({ company: { size: 5 } });
    const result = await target.fetch({ hostKeySha256: `${target.emulator.hostKeySha256}=` });
    expect(result.error).toBeUndefined();
  });

  it('fails auth_failed, not retryable, on a wrong password or a refused login', async () => {
    target = await startCsvSftpTarget({ company: { size: 5 } });
    const wrong = expectConnectorError(await target.fetch({ password: 'not-the-password' }));
    expect(wrong).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(wrong.message).not.toContain('not-the-password');
    target.emulator.setFaults({ refuseLogins: 1 });
    expect(expectConnectorError(await target.fetch()).code).toBe('auth_failed');
    expect((await target.fetch()).error).toBeUndefined();
  });

  it('logs in with a private key, encrypted or not', async () => {
    const plain = generateEd25519KeyPair();
    target = await startCsvSftpTarget({
      company: { size: 5 },
      password: false,
      publicKey: plain.public,
    });
    const result = await target.fetch({ password: undefined, privateKey: plain.private });
    expect(result.error).toBeUndefined();
    expect(result.employees.length).toBeGreaterThan(0);
    await target.close();

    const locked = ssh2.utils.generateKeyPairSync('ecdsa', {
      bits: 256,
      passphrase: 'open sesame',
      cipher: 'aes256-ctr',
      rounds: 1,
    });
    target = await startCsvSftpTarget({
      company: { size: 5 },
      password: false,
      publicKey: locked.public,
    });
    const config = { password: undefined, privateKey: locked.private };
    expect((await target.fetch({ ...config, passphrase: 'open sesame' })).error).toBeUndefined();
    const wrong = expectConnectorError(await target.fetch({ ...config, passphrase: 'nope' }));
    expect(wrong).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(wrong.message).toMatch(/passphrase/);
    const other = generateEd25519KeyPair().private;
    const refused = expectConnectorError(
      await target.fetch({ password: undefined, privateKey: other }),
    );
    expect(refused.message).toMatch(/authorized_keys/);
  });

  it('fails as network (retryable) when nothing listens', async () => {
    target = await startCsvSftpTarget({ company: { size: 5 } });
    const { url } = target.emulator;
    await target.emulator.close();
    const result = await runTestFetch({
      connector: csvSftp,
      config: target.config,
      baseUrl: url,
      today: '2026-06-15',
    });
    expect(expectConnectorError(result)).toMatchObject({ code: 'network', retryable: true });
  });

  it('completes under latency and stops when cancelled', async () => {
    target = await startCsvSftpTarget({ company: { size: 20 }, faults: { latencyMs: 5 } });
    expect((await target.fetch()).employees.length).toBeGreaterThan(0);
    const controller = new AbortController();
    controller.abort();
    const error = expectConnectorError(await target.fetch({}, controller.signal));
    expect(error.code).toBe('cancelled');
  });
});
