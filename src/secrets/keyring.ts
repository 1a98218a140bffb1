import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.ts';

/**
 * Credentials at rest: AES-256-GCM with a 32-byte key from ROLLCALL_SECRET_KEY, or — for the
 * embedded default — a key generated once into `<dataDir>/secret.key` (mode 0600). Sealed values
 * carry the key's id, so a rotation can tell old from new.
 */
export interface SecretKey {
  id: string;
  key: Buffer;
}

export const KEY_FILE = 'secret.key';

export function keyFromHex(hex: string): SecretKey {
  const key = Buffer.from(hex, 'hex');
  if (key.length !== 32)
    throw new AppError('CONFIG_INVALID', 'the secret key must be 32 bytes (64 hex characters)');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/** The configured key, or the data directory's key file, created on first use. */
export function loadSecretKey(options: {
  secretKeyHex: string | undefined;
  dataDir: string;
}): SecretKey {
  if (options.secretKeyHex) return keyFromHex(options.secretKeyHex);
  const file = path.join(options.dataDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return keyFromHex(readFileSync(file, 'utf8').trim());
}

/** `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function seal(secret: SecretKey, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret.key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    'v1',
    secret.id,
    iv.toString('base64url'),
    tag.toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

export function sealedKeyId(sealed: string): string | undefined {
  return sealed.split('.')[1];
}

export function unseal(secret: SecretKey, sealed: string): string {
  const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !keyId || !iv || !tag || ciphertext === undefined) {
    throw new AppError('CONFIG_INVALID', 'stored credentials are in an unknown format');
  }
  if (keyId !== secret.id) {
    throw new AppError(
      'CONFIG_INVALID',
      `stored credentials were sealed with key ${keyId}, but the configured key is ${secret.id}: set the matching ROLLCALL_SECRET_KEY`,
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new AppError(
      'CONFIG_INVALID',
      'stored credentials could not be decrypted (wrong key or tampered data)',
    );
  }
}
