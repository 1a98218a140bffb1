import type { Stats as FsStats } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import ssh2 from 'ssh2';
import type { Attributes, FileEntry, SFTPWrapper } from 'ssh2';

const { OPEN_MODE, STATUS_CODE } = ssh2.utils.sftp;

/** What the handlers need of the emulator: the served folder, the fault knobs, the counters. */
export interface SftpServeOptions {
  /** The local folder served as `/`. */
  root: string;
  latencyMs(): number;
  /** READ answers EOF from this offset on, while STAT keeps the full size (a dropped transfer). */
  truncateReadsAt(): number | undefined;
  onOpen(path: string): void;
  onRead(bytes: number): void;
}

type Handle = { kind: 'file'; file: FileHandle } | { kind: 'dir'; local: string; done: boolean };

/**
 * A read-only SFTP v3 server over a local folder: REALPATH, STAT/LSTAT/FSTAT, OPENDIR/READDIR,
 * OPEN (read only)/READ/CLOSE. Paths are resolved against `/` first, so `..` never leaves the
 * folder. Every other request is refused as an OpenSSH server with a read-only user would.
 */
export function serveSftp(sftp: SFTPWrapper, options: SftpServeOptions): void {
  const handles = new Map<number, Handle>();
  let nextHandle = 1;
  const virtual = (path: string): string => posix.resolve('/', path);
  const local = (path: string): string => join(options.root, virtual(path));
  const handleOf = (buffer: Buffer): Handle | undefined =>
    buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined;
  const newHandle = (handle: Handle): Buffer => {
    const id = nextHandle++;
    handles.set(id, handle);
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id, 0);
    return buffer;
  };

  /** Runs a request after the configured latency; a filesystem error becomes an SFTP status. */
  const on = <Args extends unknown[]>(
    event: string,
    run: (reqId: number, ...args: Args) => Promise<void> | void,
  ): void => {
    sftp.on(event, (reqId: number, ...args: Args) => {
      const answer = async (): Promise<void> => {
        const latency = options.latencyMs();
        if (latency > 0) await delay(latency);
        await run(reqId, ...args);
      };
      answer().catch((error: unknown) => sftp.status(reqId, statusFor(error)));
    });
  };

  on<[string]>('REALPATH', (reqId, path) => {
    const filename = virtual(path);
    sftp.name(reqId, [{ filename, longname: filename, attrs: {} as Attributes }]);
  });
  for (const event of ['STAT', 'LSTAT']) {
    on<[string]>(event, async (reqId, path) => sftp.attrs(reqId, attrsOf(await stat(local(path)))));
  }
  on<[Buffer]>('FSTAT', async (reqId, buffer) => {
    const handle = handleOf(buffer);
    if (handle?.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE);
    sftp.attrs(reqId, attrsOf(await handle.file.stat()));
  });
  on<[string]>('OPENDIR', async (reqId, path) => {
    const dir = local(path);
    if (!(await stat(dir)).isDirectory()) return sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
    sftp.handle(reqId, newHandle({ kind: 'dir', local: dir, done: false }));
  });
  on<[Buffer]>('READDIR', async (reqId, buffer) => {
    const handle = handleOf(buffer);
    if (handle?.kind !== 'dir') return sftp.status(reqId, STATUS_CODE.FAILURE);
    if (handle.done) return sftp.status(reqId, STATUS_CODE.EOF);
    handle.done = true;
    const names = await readdir(handle.local);
    const entries: FileEntry[] = [];
    for (const name of names.sort()) {
      const attrs = attrsOf(await stat(join(handle.local, name)));
      entries.push({ filename: name, longname: longname(name, attrs), attrs });
    }
    sftp.name(reqId, entries);
  });
  on<[string, number]>('OPEN', async (reqId, path, flags) => {
    if (flags !== Number(OPEN_MODE.READ)) return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
    const file = await open(local(path), 'r');
    if (!(await file.stat()).isFile()) {
      await file.close();
      return sftp.status(reqId, STATUS_CODE.FAILURE);
    }
    options.onOpen(virtual(path));
    sftp.handle(reqId, newHandle({ kind: 'file', file }));
  });
  on<[Buffer, number, number]>('READ', async (reqId, buffer, offset, length) => {
    const handle = handleOf(buffer);
    if (handle?.kind !== 'file') return sftp.status(reqId, STATUS_CODE.FAILURE);
    const cut = options.truncateReadsAt();
    const allowed = cut === undefined ? length : Math.min(length, cut - offset);
    if (allowed <= 0) return sftp.status(reqId, STATUS_CODE.EOF);
    const chunk = Buffer.alloc(allowed);
    const { bytesRead } = await handle.file.read(chunk, 0, allowed, offset);
    if (bytesRead === 0) return sftp.status(reqId, STATUS_CODE.EOF);
    options.onRead(bytesRead);
    sftp.data(reqId, chunk.subarray(0, bytesRead));
  });
  on<[Buffer]>('CLOSE', async (reqId, buffer) => {
    const handle = handleOf(buffer);
    if (!handle) return sftp.status(reqId, STATUS_CODE.FAILURE);
    handles.delete(buffer.readUInt32BE(0));
    if (handle.kind === 'file') await handle.file.close();
    sftp.status(reqId, STATUS_CODE.OK);
  });
  for (const event of ['WRITE', 'FSETSTAT', 'SETSTAT', 'REMOVE', 'RMDIR', 'MKDIR', 'RENAME']) {
    on(event, (reqId) => sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED));
  }
  for (const event of ['READLINK', 'SYMLINK', 'EXTENDED']) {
    on(event, (reqId) => sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED));
  }
  sftp.on('close', () => {
    for (const handle of handles.values()) if (handle.kind === 'file') void handle.file.close();
    handles.clear();
  });
}

function attrsOf(stats: FsStats): Attributes {
  return {
    mode: stats.mode,
    uid: 0,
    gid: 0,
    size: stats.size,
    atime: Math.floor(stats.atimeMs / 1000),
    mtime: Math.floor(stats.mtimeMs / 1000),
  };
}

function longname(name: string, attrs: Attributes): string {
  const type = (attrs.mode & 0o170000) === 0o040000 ? 'd' : '-';
  const date = new Date(attrs.mtime * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return `${type}rw-r--r--    1 rollcall rollcall ${String(attrs.size).padStart(10)} ${date} ${name}`;
}

function statusFor(error: unknown): number {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return STATUS_CODE.NO_SUCH_FILE;
  if (code === 'EACCES' || code === 'EPERM') return STATUS_CODE.PERMISSION_DENIED;
  return STATUS_CODE.FAILURE;
}
