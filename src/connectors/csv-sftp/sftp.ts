import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import type { ConnectConfig, SFTPWrapper } from 'ssh2';
import { ConnectorError } from '../connector.ts';
import { connectionError, hostKeyMismatch, sftpError } from './errors.ts';
import type { RemoteFile } from './files.ts';

/** How the connector reaches the server; the address is already checked by the network policy. */
export interface SftpConnectOptions {
  address: string;
  port: number;
  /** `host:port` as configured, for messages. */
  server: string;
  /** `SHA256:` + base64, as `ssh-keygen -lf` prints it. */
  hostKeySha256: string;
  username: string;
  password?: string | undefined;
  privateKey?: string | undefined;
  passphrase?: string | undefined;
  signal: AbortSignal;
  /** SSH handshake and authentication (default 20 s). */
  readyTimeoutMs?: number;
}

/** What the connector needs of one SFTP session (a small port, not ssh2's types). */
export interface SftpSession {
  list(directory: string): Promise<RemoteFile[]>;
  stat(path: string): Promise<{ size: number; mtime: number }>;
  /** The file's bytes, streamed; ends early only if the connection drops (callers check the size). */
  read(path: string): AsyncIterable<Buffer>;
  close(): void;
}

/** The OpenSSH form of a host key's fingerprint: `SHA256:` + unpadded base64 of its SHA-256. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** `SHA256:abc=` and `abc` compare as the same fingerprint; base64 stays case-sensitive. */
export function sameFingerprint(a: string, b: string): boolean {
  const bare = (value: string): string =>
    value
      .trim()
      .replace(/^SHA256:/i, '')
      .replace(/=+$/, '');
  return bare(a) === bare(b);
}

/** Checks a private key before connecting, so a bad key or passphrase gets its own message. */
export function checkPrivateKey(privateKey: string, passphrase: string | undefined): string | null {
  const parsed = ssh2.utils.parseKey(privateKey, passphrase);
  if (parsed instanceof Error) {
    return /passphrase|decrypt/i.test(parsed.message)
      ? 'the private key is encrypted: the passphrase is missing or wrong'
      : 'the private key could not be read: paste the whole key (OpenSSH or PEM format)';
  }
  return null;
}

/**
 * Connects, verifies the pinned host key before anything is sent, authenticates, and opens the
 * SFTP subsystem. Keepalives detect a dead server within half a minute; the signal closes the
 * connection.
 */
export async function openSftp(options: SftpConnectOptions): Promise<SftpSession> {
  const client = new ssh2.Client();
  let presented: string | undefined;
  const close = (): void => {
    client.end();
  };
  if (options.signal.aborted) throw cancelled();
  options.signal.addEventListener('abort', close, { once: true });

  const config: ConnectConfig = {
    host: options.address,
    port: options.port,
    username: options.username,
    readyTimeout: options.readyTimeoutMs ?? 20_000,
    keepaliveInterval: 10_000,
    keepaliveCountMax: 3,
    tryKeyboard: false,
    hostVerifier: (key: Buffer): boolean => {
      presented = hostKeyFingerprint(key);
      return sameFingerprint(presented, options.hostKeySha256);
    },
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(options.privateKey !== undefined ? { privateKey: options.privateKey } : {}),
    ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
  };

  let sftp: SFTPWrapper;
  let authenticated = false;
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('ready', resolve);
      client.once('error', reject);
      client.once('close', () => reject(Object.assign(new Error('closed'), { level: 'closed' })));
      client.connect(config);
    });
    authenticated = true;
    sftp = await new Promise<SFTPWrapper>((resolve, reject) => {
      client.sftp((error, wrapper) => (error ? reject(error) : resolve(wrapper)));
    });
  } catch (error) {
    options.signal.removeEventListener('abort', close);
    client.end();
    if (options.signal.aborted) throw cancelled();
    if (presented !== undefined && !sameFingerprint(presented, options.hostKeySha256)) {
      throw hostKeyMismatch(options.server, presented, options.hostKeySha256);
    }
    if (authenticated) {
      throw new ConnectorError(
        'forbidden',
        `the server ${options.server} accepted the login but would not start SFTP for this user`,
        false,
      );
    }
    throw connectionError(error, options.server);
  }
  // Later errors reach the pending request's callback; this keeps them from being unhandled.
  client.on('error', () => undefined);

  const guard = <T>(what: string, run: (done: (error: unknown, value?: T) => void) => void) =>
    new Promise<T>((resolve, reject) => {
      run((error, value) => {
        if (options.signal.aborted) reject(cancelled());
        else if (error) reject(sftpError(error, what));
        else resolve(value as T);
      });
    });

  return {
    list: (directory) =>
      guard<RemoteFile[]>(`listing ${directory}`, (done) => {
        sftp.readdir(directory, (error, entries) => {
          if (error) return done(error);
          done(
            null,
            entries.map((entry) => ({
              name: entry.filename,
              size: entry.attrs.size,
              mtime: entry.attrs.mtime,
              isFile: entry.attrs.isFile(),
            })),
          );
        });
      }),
    stat: (path) =>
      guard(`reading the attributes of ${path}`, (done) => {
        sftp.stat(path, (error, stats) => {
          if (error) return done(error);
          done(null, { size: stats.size, mtime: stats.mtime });
        });
      }),
    read: (path) => readStream(sftp, path, options.signal),
    close() {
      options.signal.removeEventListener('abort', close);
      client.end();
    },
  };
}

async function* readStream(
  sftp: SFTPWrapper,
  path: string,
  signal: AbortSignal,
): AsyncGenerator<Buffer> {
  const stream = sftp.createReadStream(path);
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (signal.aborted) throw cancelled();
    if (error instanceof ConnectorError) throw error;
    const { code } = (error ?? {}) as { code?: unknown };
    if (typeof code === 'number') throw sftpError(error, `reading ${path}`);
    throw new ConnectorError('truncated', `the connection dropped while reading ${path}`, true);
  } finally {
    stream.destroy();
  }
}

function cancelled(): ConnectorError {
  return new ConnectorError('cancelled', 'the sync was cancelled', false);
}
