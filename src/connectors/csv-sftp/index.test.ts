import { describe, expect, it } from 'vitest';
import { fieldForHeader } from '../../platform/csv-columns.ts';
import { configJsonSchema } from '../catalogue.ts';
import { CSV_SFTP_DENIED_COLUMNS, assertDeniedColumnsUnmapped } from './columns.ts';
import { csvSftp, csvSftpConfigSchema } from './index.ts';

const FINGERPRINT = `SHA256:${'a'.repeat(43)}`;
const base = {
  host: 'sftp.example.com',
  username: 'hr',
  password: 'pw',
  hostKeySha256: FINGERPRINT,
};

describe('csv-sftp declaration', () => {
  it('fills the defaults and derives the sftp origin', () => {
    const config = csvSftpConfigSchema.parse(base);
    expect(config).toMatchObject({
      port: 22,
      directory: '.',
      filePattern: 'employees_*.csv',
      idColumn: 'work_email',
    });
    expect(csvSftp.defaultBaseUrl(config)).toBe('sftp://sftp.example.com:22');
    expect(csvSftp.defaultBaseUrl({ ...config, host: '2606:4700::1111', port: 2222 })).toBe(
      'sftp://[2606:4700::1111]:2222',
    );
  });

  it('refuses configs that cannot work, saying why', () => {
    const problems = (raw: object): string[] => {
      const parsed = csvSftpConfigSchema.safeParse(raw);
      return parsed.success
        ? []
        : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems({ ...base, password: undefined })).toEqual([
      'password: set a password or a private key',
    ]);
    expect(problems({ ...base, passphrase: 'x' })).toEqual([
      'passphrase: a passphrase needs a private key',
    ]);
    expect(problems({ ...base, hostKeySha256: 'aa:bb:cc' })[0]).toMatch(/^hostKeySha256: .*SHA256/);
    expect(problems({ ...base, host: 'sftp://sftp.example.com' })[0]).toMatch(/^host:/);
    expect(problems({ ...base, filePattern: 'out/employees_*.csv' })[0]).toMatch(/^filePattern:/);
    expect(problems({ ...base, idColumn: 'name' })[0]).toMatch(/^idColumn:/);
  });

  it('keeps every credential secret in forms', () => {
    const json = configJsonSchema(csvSftp.configSchema, csvSftp.secretFields) as {
      properties: Record<string, { writeOnly?: boolean }>;
    };
    for (const field of ['password', 'privateKey', 'passphrase']) {
      expect(json.properties[field]?.writeOnly).toBe(true);
    }
    expect(json.properties['hostKeySha256']?.writeOnly).toBeUndefined();
  });

  it('reads the CSV upload’s columns and never a denied one', () => {
    expect(csvSftp.requestedFields).toContain('work_email');
    expect(csvSftp.requestedFields).toContain('employment_status');
    for (const column of CSV_SFTP_DENIED_COLUMNS) expect(fieldForHeader(column)).toBeUndefined();
    expect(() => assertDeniedColumnsUnmapped(['salary', 'email'])).toThrowError(/email/);
  });
});
