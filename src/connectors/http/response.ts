import { Readable } from 'node:stream';
import { ConnectorError } from '../connector.ts';
import type { AttemptAbort } from './attempt.ts';
import type { HttpResponse } from './types.ts';

/**
 * The response body as a Node stream over the fetch body's reader (what `Readable.fromWeb`
 * does), plus the attempt's timeout between chunks and error codes a connector can act on:
 * `cancelled`, `timeout`, or `truncated` when the connection drops mid-body.
 */
class ResponseBody extends Readable {
  private finished = false;

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array> | undefined,
    private readonly attempt: AttemptAbort,
    private readonly describe: string,
    private readonly status: number,
  ) {
    super();
  }

  override _read(): void {
    const reader = this.reader;
    if (reader === undefined) return this.end();
    this.attempt.arm();
    reader.read().then(
      (chunk) => {
        this.attempt.disarm();
        if (chunk.done) this.end();
        else this.push(chunk.value);
      },
      (error: unknown) => this.destroy(this.toConnectorError(error)),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.finished) {
      // Closing early: stop the transfer so the socket is not left half-read.
      this.attempt.controller.abort();
      this.reader?.cancel().catch(() => undefined);
    }
    this.attempt.release();
    callback(error);
  }

  private end(): void {
    this.finished = true;
    this.attempt.release();
    this.push(null);
  }

  private toConnectorError(error: unknown): ConnectorError {
    if (this.attempt.reason === 'cancelled') {
      return new ConnectorError('cancelled', `${this.describe}: cancelled`, false);
    }
    if (this.attempt.reason === 'timeout') {
      const ms = this.attempt.timeoutMs;
      return new ConnectorError(
        'timeout',
        `${this.describe}: no data for ${ms} ms while reading the response body`,
        true,
        this.status,
      );
    }
    const cause = errorCode(error);
    return new ConnectorError(
      'truncated',
      `${this.describe}: the connection closed before the response body ended${cause ? ` (${cause})` : ''}`,
      true,
      this.status,
    );
  }
}

/** A low-level error code (`ECONNRESET`, `UND_ERR_SOCKET`), never a message that may hold a URL. */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = e.cause;
  }
  return undefined;
}

export function createResponse(
  fetched: Response,
  attempt: AttemptAbort,
  requestId: string,
  describe: string,
): HttpResponse {
  const body = new ResponseBody(fetched.body?.getReader(), attempt, describe, fetched.status);
  const text = async (): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  return {
    status: fetched.status,
    headers: fetched.headers,
    requestId,
    body,
    text,
    async json() {
      const raw = await text();
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        // Never echo the body: it may hold personal data.
        throw new ConnectorError(
          'invalid_payload',
          `${describe}: the response (HTTP ${fetched.status}) is not valid JSON`,
          false,
          fetched.status,
        );
      }
    },
    async discard() {
      if (body.closed) return;
      const closed = new Promise<void>((resolve) => body.once('close', () => resolve()));
      body.destroy();
      await closed;
    },
  };
}
