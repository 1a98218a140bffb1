import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.ts';

/**
 * Credentials at rest: AES-256-GCM with a 32-byte key from ROLLCALL_SECRET_KEY, or — for the
 * embedded default — a key generated once into `<dataDir>/secret.key` (mode 0600). Sealed values
 * carry the key's id, so a rotation can tell old from new: `unseal` accepts the current key and
 * the previous ones still listed during a rotation, `seal` always uses the current one.
 */
export interface SecretKey {
  id: string;
  key: Buffer;
  /** Older keys that may still have sealed some stored values (during a rotation only). */
  previous?: SecretKey[];
}

export const KEY_FILE = 'secret.key';

export function keyFromHex(hex: string): SecretKey {
  const key = Buffer.from(hex, 'hex');
  if (key.length !== 32)
    throw new AppError('CONFIG_INVALID', 'the secret key must be 32 bytes (64 hex characters)');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/** A fresh random key. */
export function generateKey(): SecretKey {
  return keyFromHex(randomBytes(32).toString('hex'));
}

/** The current key with `previous` attached (duplicates of a key already listed are dropped). */
export function withPrevious(current: SecretKey, previous: readonly SecretKey[]): SecretKey {
  const seen = new Set([current.id]);
  const unique: SecretKey[] = [];
  for (const { id, key } of previous) {
    if (seen.has(id)) continue;
    seen.add(id);
    unique.push({ id, key });
  }
  const bare = { id: current.id, key: current.key };
  return unique.length > 0 ? { ...bare, previous: unique } : bare;
}

/** Every key `unseal` may use: the current one first, then the previous ones. */
export function allKeys(secret: SecretKey): SecretKey[] {
  return [secret, ...(secret.previous ?? [])];
}

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, KEY_FILE);
}

/**
 * The key file holds one key per line, 64 hex characters: the first is the current key, the others
 * are previous keys kept while a rotation reseals the stored credentials.
 */
export function parseKeyFile(text: string): SecretKey {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const keys = lines.map((line, index) => {
    if (!/^[0-9a-fA-F]{64}$/.test(line)) {
      // Never echo the line: it may be key material with a typo.
      throw new AppError(
        'CONFIG_INVALID',
        `the key file has an invalid line ${index + 1}: expected 64 hex characters`,
      );
    }
    return keyFromHex(line);
  });
  const [current, ...previous] = keys;
  if (!current) throw new AppError('CONFIG_INVALID', 'the key file is empty');
  return withPrevious(current, previous);
}

export function formatKeyFile(secret: SecretKey): string {
  return allKeys(secret)
    .map((k) => `${k.key.toString('hex')}\n`)
    .join('');
}

export function readKeyFile(file: string): SecretKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError(
      'CONFIG_INVALID',
      `cannot read the key file ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return parseKeyFile(text);
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `${file}: ${(error as Error).message}`);
  }
}

/**
 * Replaces the key file atomically: a temporary file in the same directory (mode 0600, written and
 * fsynced) is renamed over it, then the directory is fsynced. A reader or a crash sees the old
 * file or the new one, never a partial one.
 */
export function writeKeyFile(file: string, secret: SecretKey): void {
  const dir = path.dirname(file);
  const temp = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(temp, 'wx', 0o600);
    try {
      fchmodSync(fd, 0o600); // the mode passed to open is reduced by the umask, never widened
      writeSync(fd, formatKeyFile(secret));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new AppError(
      'CONFIG_INVALID',
      `cannot write the key file ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  fsyncDirectory(dir);
}

function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The configured key (plus `previousSecretKeysHex` during a rotation), or the data directory's key
 * file, created on first use.
 */
export function loadSecretKey(options: {
  secretKeyHex: string | undefined;
  dataDir: string;
  previousSecretKeysHex?: readonly string[] | undefined;
}): SecretKey {
  if (options.secretKeyHex) {
    return withPrevious(
      keyFromHex(options.secretKeyHex),
      (options.previousSecretKeysHex ?? []).map(keyFromHex),
    );
  }
  const file = keyFilePath(options.dataDir);
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AppError(
          'CONFIG_INVALID',
          `cannot create the key file ${file}: ${(error as Error).message}`,
        );
      }
    }
  }
  return readKeyFile(file);
}

/** `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts, always with the current key. */
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

/** Opens a sealed value with whichever configured key (current or previous) sealed it. */
export function unseal(secret: SecretKey, sealed: string): string {
  const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !keyId || !iv || !tag || ciphertext === undefined) {
    throw new AppError('CONFIG_INVALID', 'stored credentials are in an unknown format');
  }
  const key = allKeys(secret).find((k) => k.id === keyId);
  if (!key) {
    const others = (secret.previous ?? []).map((k) => k.id);
    throw new AppError(
      'CONFIG_INVALID',
      `stored credentials were sealed with key ${keyId}, but the configured key is ${secret.id}` +
        (others.length > 0 ? ` (previous: ${others.join(', ')})` : '') +
        ': set the matching ROLLCALL_SECRET_KEY, or list the old key in ROLLCALL_PREVIOUS_SECRET_KEYS',
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
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
