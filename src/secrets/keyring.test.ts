import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_FILE, keyFromHex, loadSecretKey, seal, unseal } from './keyring.ts';

describe('keyring', () => {
  it('seals and unseals, with a fresh IV each time', () => {
    const key = keyFromHex('11'.repeat(32));
    const a = seal(key, '{"apiKey":"s3cret"}');
    const b = seal(key, '{"apiKey":"s3cret"}');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
    expect(unseal(key, a)).toBe('{"apiKey":"s3cret"}');
  });

  it('refuses another key and tampered data with a clear error', () => {
    const key = keyFromHex('11'.repeat(32));
    const sealed = seal(key, 'x');
    expect(() => unseal(keyFromHex('22'.repeat(32)), sealed)).toThrow(/sealed with key/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('y').toString('base64url');
    expect(() => unseal(key, parts.join('.'))).toThrow(/could not be decrypted/);
  });

  it('generates the embedded key once into the data directory with mode 0600', () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'rollcall-key-')), 'data');
    const first = loadSecretKey({ secretKeyHex: undefined, dataDir });
    const second = loadSecretKey({ secretKeyHex: undefined, dataDir });
    expect(second.id).toBe(first.id);
    expect(statSync(path.join(dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dataDir, KEY_FILE), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(loadSecretKey({ secretKeyHex: 'ab'.repeat(32), dataDir }).id).not.toBe(first.id);
  });
});
