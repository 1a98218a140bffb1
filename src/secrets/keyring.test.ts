import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  KEY_FILE,
  formatKeyFile,
  keyFromHex,
  loadSecretKey,
  parseKeyFile,
  readKeyFile,
  seal,
  unseal,
  withPrevious,
  writeKeyFile,
} from './keyring.ts';

const HEX_A = '11'.repeat(32);
const HEX_B = '22'.repeat(32);
const HEX_C = '33'.repeat(32);

function tempDataDir(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'rollcall-key-')), 'data');
}

describe('keyring', () => {
  it('seals and unseals, with a fresh IV each time', () => {
    const key = keyFromHex(HEX_A);
    const a = seal(key, '{"apiKey":"s3cret"}');
    const b = seal(key, '{"apiKey":"s3cret"}');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
    expect(unseal(key, a)).toBe('{"apiKey":"s3cret"}');
  });

  it('refuses another key and tampered data with a clear error', () => {
    const key = keyFromHex(HEX_A);
    const sealed = seal(key, 'x');
    expect(() => unseal(keyFromHex(HEX_B), sealed)).toThrow(/sealed with key/);
    const parts = sealed.split('.');
    // Flip a bit of the ciphertext: writing a fixed byte left it unchanged once in 256 runs.
    const ciphertext = Buffer.from(parts[4] ?? '', 'base64url');
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
    parts[4] = ciphertext.toString('base64url');
    expect(() => unseal(key, parts.join('.'))).toThrow(/could not be decrypted/);
  });

  it('unseals with whichever configured key sealed the value, and seals with the current one', () => {
    const a = keyFromHex(HEX_A);
    const b = keyFromHex(HEX_B);
    const rotating = withPrevious(b, [a]);
    const old = seal(a, 'from-a');
    expect(unseal(rotating, old)).toBe('from-a');
    expect(unseal(rotating, seal(b, 'from-b'))).toBe('from-b');
    const fresh = seal(rotating, 'new');
    expect(fresh.split('.')[1]).toBe(b.id);
    expect(() => unseal(a, fresh)).toThrow(/sealed with key/);
    // A third key is neither current nor previous: the error names the configured ids.
    expect(() => unseal(rotating, seal(keyFromHex(HEX_C), 'x'))).toThrow(
      new RegExp(`configured key is ${b.id} \\(previous: ${a.id}\\)`),
    );
  });

  it('drops duplicate previous keys and the current key from the previous list', () => {
    const a = keyFromHex(HEX_A);
    const b = keyFromHex(HEX_B);
    const secret = withPrevious(b, [a, b, keyFromHex(HEX_A)]);
    expect(secret.previous?.map((k) => k.id)).toEqual([a.id]);
    expect(withPrevious(b, [])).not.toHaveProperty('previous');
  });

  it('reads a key file with the current key first and previous keys after it', () => {
    const secret = parseKeyFile(`${HEX_B}\n\n  ${HEX_A.toUpperCase()}  \r\n`);
    expect(secret.id).toBe(keyFromHex(HEX_B).id);
    expect(secret.previous?.map((k) => k.id)).toEqual([keyFromHex(HEX_A).id]);
    expect(formatKeyFile(secret)).toBe(`${HEX_B}\n${HEX_A}\n`);
    expect(parseKeyFile(formatKeyFile(secret))).toEqual(secret);
  });

  it('refuses an empty or malformed key file without echoing its content', () => {
    expect(() => parseKeyFile('\n\n')).toThrow(/empty/);
    const typo = `${HEX_A.slice(0, 63)}z`;
    let message = '';
    try {
      parseKeyFile(`${HEX_B}\n${typo}\n`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/invalid line 2/);
    expect(message).not.toContain(typo);
    expect(message).not.toContain(HEX_B);
  });

  it('generates the embedded key once into the data directory with mode 0600', () => {
    const dataDir = tempDataDir();
    const first = loadSecretKey({ secretKeyHex: undefined, dataDir });
    const second = loadSecretKey({ secretKeyHex: undefined, dataDir });
    expect(second.id).toBe(first.id);
    expect(statSync(path.join(dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dataDir, KEY_FILE), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(loadSecretKey({ secretKeyHex: 'ab'.repeat(32), dataDir }).id).not.toBe(first.id);
  });

  it('loads previous keys from the environment list and from a multi-line key file', () => {
    const fromEnv = loadSecretKey({
      secretKeyHex: HEX_B,
      previousSecretKeysHex: [HEX_A],
      dataDir: tempDataDir(),
    });
    expect(fromEnv.id).toBe(keyFromHex(HEX_B).id);
    expect(fromEnv.previous?.map((k) => k.id)).toEqual([keyFromHex(HEX_A).id]);

    const dataDir = tempDataDir();
    writeKeyFile(
      path.join(dataDir, KEY_FILE),
      withPrevious(keyFromHex(HEX_C), [keyFromHex(HEX_A)]),
    );
    const fromFile = loadSecretKey({ secretKeyHex: undefined, dataDir });
    expect(fromFile.id).toBe(keyFromHex(HEX_C).id);
    expect(unseal(fromFile, seal(keyFromHex(HEX_A), 'old'))).toBe('old');
  });

  it('replaces the key file atomically with mode 0600 and leaves no temporary file', () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, KEY_FILE);
    loadSecretKey({ secretKeyHex: undefined, dataDir });
    const previousUmask = process.umask(0o277);
    try {
      writeKeyFile(file, withPrevious(keyFromHex(HEX_B), [keyFromHex(HEX_A)]));
    } finally {
      process.umask(previousUmask);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(`${HEX_B}\n${HEX_A}\n`);
    expect(readdirSync(dataDir)).toEqual([KEY_FILE]);
    expect(readKeyFile(file).previous).toHaveLength(1);
  });

  it('cleans up and says why when the replacement cannot be put in place', () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, KEY_FILE);
    writeKeyFile(file, keyFromHex(HEX_A));
    // A non-empty directory where the file should go: the rename fails after the temp file was
    // written, which must not be left behind.
    const target = path.join(dataDir, 'occupied');
    mkdirSync(target);
    writeFileSync(path.join(target, 'x'), '');
    expect(() => writeKeyFile(target, keyFromHex(HEX_B))).toThrow(
      /cannot write the key file .*occupied/,
    );
    expect(readdirSync(dataDir).sort()).toEqual(['occupied', KEY_FILE].sort());
    expect(readFileSync(file, 'utf8')).toBe(`${HEX_A}\n`);
  });
});
