import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, mkdtemp, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import ssh2 from 'ssh2';
import type { AuthContext, Connection, ParsedKey } from 'ssh2';
import { GeneratedCompany, type CompanyOptions } from '../shared/company.ts';
import { generateEd25519KeyPair } from './keys.ts';
import { renderCompanyCsv, type RenderOptions } from './render.ts';
import { serveSftp } from './sftp-handlers.ts';

/** A file in the drop directory. */
export interface EmulatorFile {
  /** A plain file name (no slashes). */
  name: string;
  content: string | Buffer;
  /** Modification time (default now); files are picked by it. */
  mtime?: Date;
}

export interface CsvSftpFaults {
  /** Delay before every SFTP answer, in ms. */
  latencyMs: number;
  /** Refuse the next N logins (`true`: every login), even with valid credentials. */
  refuseLogins: number | boolean;
  /** READ answers EOF from this byte on while STAT keeps the full size: a dropped transfer. */
  truncateReadsAt: number;
}

export interface CsvSftpEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `rollcall`. */
  username?: string;
  /** The accepted password; default random. `false`: no password login (key only). */
  password?: string | false;
  /** An authorized public key (OpenSSH `ssh-ed25519 AAAA…` line). */
  publicKey?: string;
  /** The server's private host key (OpenSSH or PEM); default a fresh ed25519 key. */
  hostKey?: string;
  /** The drop directory under the served root (default `/outbound`). */
  directory?: string;
  /** Files to serve; when absent the company is written as `employees_<today>.csv`. */
  files?: readonly EmulatorFile[];
  company?: CompanyOptions;
  render?: RenderOptions;
  faults?: Partial<CsvSftpFaults>;
}

export interface CsvSftpEmulatorStats {
  /** TCP connections accepted. */
  connections: number;
  /** Logins refused (bad credentials or the `refuseLogins` fault). */
  authFailures: number;
  /** Paths opened for reading, oldest first. */
  opened: string[];
  bytesServed: number;
}

export interface CsvSftpEmulator {
  /** `sftp://127.0.0.1:50123`: the connection's server URL. */
  url: string;
  host: string;
  port: number;
  /** The host key fingerprint as `ssh-keygen -lf` prints it (`SHA256:…`). */
  hostKeySha256: string;
  username: string;
  password: string | null;
  /** The drop directory as the client names it, e.g. `/outbound`. */
  directory: string;
  /** The live company; call `writeCompany()` after mutating it. */
  company: GeneratedCompany;
  stats: CsvSftpEmulatorStats;
  /** Writes (or replaces) a file of the drop directory. */
  writeFile(file: EmulatorFile): Promise<void>;
  removeFile(name: string): Promise<void>;
  /** Renders the company into `name` (default `employees_<today>.csv`); returns the name. */
  writeCompany(name?: string, mtime?: Date): Promise<string>;
  /** Changes fault knobs at run time; a key set to `undefined` clears it. */
  setFaults(faults: { [K in keyof CsvSftpFaults]?: CsvSftpFaults[K] | undefined }): void;
  close(): Promise<void>;
}

/** The SHA-256 fingerprint OpenSSH prints for a public key (`SHA256:` + unpadded base64). */
export function fingerprintOf(key: ParsedKey): string {
  const digest = createHash('sha256').update(key.getPublicSSH()).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

function parseKeyOrThrow(text: string, what: string): ParsedKey {
  const parsed = ssh2.utils.parseKey(text);
  if (parsed instanceof Error) throw new Error(`${what}: ${parsed.message}`);
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey | undefined) : parsed;
  if (!key) throw new Error(`${what}: no key found`);
  return key;
}

function same(a: Buffer | string, b: Buffer | string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Starts a real SSH/SFTP server (ssh2 Server mode) on a port, serving a temporary folder read-only:
 * the customer's drop directory with the company rendered in the CSV upload's format. Call
 * `close()` to stop it and delete the folder.
 */
export async function startCsvSftpEmulator(
  options: CsvSftpEmulatorOptions = {},
): Promise<CsvSftpEmulator> {
  const hostKeyText = options.hostKey ?? generateEd25519KeyPair().private;
  const hostKey = parseKeyOrThrow(hostKeyText, 'hostKey');
  const allowedKey = options.publicKey ? parseKeyOrThrow(options.publicKey, 'publicKey') : null;
  const username = options.username ?? 'rollcall';
  const password =
    options.password === false ? null : (options.password ?? randomBytes(18).toString('base64url'));
  const directory = posix.resolve('/', options.directory ?? '/outbound');
  const company = new GeneratedCompany(options.company ?? {}, (index) => `P${index + 1}`);
  const faults: Partial<CsvSftpFaults> = { ...options.faults };
  const stats: CsvSftpEmulatorStats = {
    connections: 0,
    authFailures: 0,
    opened: [],
    bytesServed: 0,
  };
  const root = await mkdtemp(join(tmpdir(), 'rollcall-csv-sftp-'));
  const dropDir = join(root, directory);
  await mkdir(dropDir, { recursive: true });

  const put = async (file: EmulatorFile): Promise<void> => {
    if (file.name.includes('/') || file.name === '' || file.name.startsWith('..')) {
      throw new Error(`not a plain file name: ${file.name}`);
    }
    const path = join(dropDir, file.name);
    await writeFile(path, file.content);
    const mtime = file.mtime ?? new Date();
    await utimes(path, mtime, mtime);
  };
  const writeCompany = async (name?: string, mtime?: Date): Promise<string> => {
    const fileName = name ?? `employees_${company.today.replace(/-/g, '')}.csv`;
    const content = renderCompanyCsv(company, options.render);
    await put({ name: fileName, content, ...(mtime ? { mtime } : {}) });
    return fileName;
  };
  if (options.files) for (const file of options.files) await put(file);
  else await writeCompany();

  const refuseLogin = (): boolean => {
    const refuse = faults.refuseLogins;
    if (refuse === true) return true;
    if (typeof refuse === 'number' && refuse > 0) {
      faults.refuseLogins = refuse - 1;
      return true;
    }
    return false;
  };

  const authenticate = (ctx: AuthContext): void => {
    const methods: ('password' | 'publickey')[] = [];
    if (password !== null) methods.push('password');
    if (allowedKey) methods.push('publickey');
    const reject = (): void => {
      stats.authFailures += 1;
      ctx.reject(methods);
    };
    if (ctx.method === 'none') return ctx.reject(methods);
    if (!same(ctx.username, username)) return reject();
    if (ctx.method === 'password' && password !== null) {
      return !refuseLogin() && same(ctx.password, password) ? ctx.accept() : reject();
    }
    if (ctx.method === 'publickey' && allowedKey) {
      const keyMatches =
        ctx.key.algo === allowedKey.type && same(ctx.key.data, allowedKey.getPublicSSH());
      if (!keyMatches) return reject();
      // Without a signature the client only asks whether the key would do; the login is signed.
      if (!ctx.signature || !ctx.blob) return ctx.accept();
      return !refuseLogin() && allowedKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true
        ? ctx.accept()
        : reject();
    }
    return reject();
  };

  const connections = new Set<Connection>();
  const server = new ssh2.Server({ hostKeys: [hostKeyText] }, (client: Connection) => {
    stats.connections += 1;
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', authenticate);
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => {
          serveSftp(acceptSftp(), {
            root,
            latencyMs: () => faults.latencyMs ?? 0,
            truncateReadsAt: () => faults.truncateReadsAt,
            onOpen: (path) => stats.opened.push(path),
            onRead: (bytes) => (stats.bytesServed += bytes),
          });
        });
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;

  return {
    url: `sftp://${host}:${address.port}`,
    host: address.address,
    port: address.port,
    hostKeySha256: fingerprintOf(hostKey),
    username,
    password,
    directory,
    company,
    stats,
    writeFile: put,
    removeFile: (name) => unlink(join(dropDir, name)),
    writeCompany,
    setFaults(next) {
      Object.assign(faults, next);
      for (const [key, value] of Object.entries(next)) {
        if (value === undefined) delete faults[key as keyof CsvSftpFaults];
      }
    },
    async close() {
      // End live SSH connections so close() does not wait for idle clients.
      for (const client of connections) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
