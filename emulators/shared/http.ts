import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening emulator server. */
export interface HttpServerHandle {
  /** Origin, e.g. `http://127.0.0.1:50123`. */
  url: string;
  port: number;
  /** Stops listening and drops open connections (keep-alive included). */
  close(): Promise<void>;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Where to listen: loopback and any free port unless told otherwise. */
export interface ListenOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
}

/** Starts a node:http server; a handler that throws gets a 500 (or a dropped socket mid-body). */
export async function listen(
  handler: RequestHandler,
  { host: bindHost = '127.0.0.1', port: bindPort = 0 }: ListenOptions = {},
): Promise<HttpServerHandle> {
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-length': '0' });
        res.end();
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(bindPort, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Reads the whole body; `null` when it exceeds `maxBytes`. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** An answer with no body (BambooHR's legacy error style puts the reason in a header). */
export function sendEmpty(
  res: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers, 'content-length': '0' });
  res.end();
}

/** A small JSON answer in one piece. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

const FLUSH_AT = 64 * 1024;

/**
 * Writes a large body in ~64 KiB chunks with back-pressure, so a 200k-row report never exists as
 * one string. With `truncateAfterBytes` it sends exactly that many bytes, then drops the socket.
 */
export class BodyWriter {
  private pending = '';
  private sent = 0;
  private stopped = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly truncateAfterBytes?: number,
  ) {}

  /** False once the client is gone or the body was truncated: stop producing. */
  get open(): boolean {
    return !this.stopped && !this.res.destroyed;
  }

  async write(text: string): Promise<boolean> {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) await this.flush();
    return this.open;
  }

  async end(): Promise<void> {
    await this.flush();
    if (this.open) this.res.end();
  }

  private async flush(): Promise<void> {
    if (!this.open || this.pending.length === 0) return;
    let buf = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    const limit = this.truncateAfterBytes;
    if (limit !== undefined && this.sent + buf.length > limit) {
      buf = buf.subarray(0, Math.max(0, limit - this.sent));
      this.stopped = true;
      // End the connection (not the response): the client sees a body that stops mid-JSON.
      const socket = this.res.socket;
      if (buf.length > 0) this.res.write(buf);
      else this.res.flushHeaders();
      socket?.end();
      return;
    }
    this.sent += buf.length;
    if (!this.res.write(buf)) await this.drained();
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }
}
