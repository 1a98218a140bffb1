import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectorLogger } from '../connector.ts';

/** Test support for the HTTP client: a real local server, a fake clock, a capturing logger. */

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One scripted answer: a response, a request left hanging, a dropped connection, or custom. */
export type Step =
  | { status: number; headers?: Record<string, string>; body?: string }
  | 'hang'
  | 'reset'
  | ((req: IncomingMessage, res: ServerResponse) => void);

export interface TestServer {
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Serves `steps` in order on 127.0.0.1, port 0 (the last step repeats). `onRequest` runs when
 * a request has fully arrived, before it is answered.
 */
export async function startTestServer(
  steps: readonly Step[],
  onRequest?: (request: RecordedRequest) => void,
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      onRequest?.(recorded);
      const step = steps[Math.min(requests.length, steps.length) - 1] ?? 'hang';
      if (step === 'hang') return;
      if (step === 'reset') return req.socket.destroy();
      if (typeof step === 'function') return step(req, res);
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(step.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A clock that moves only when the client sleeps; every sleep is recorded. */
export function fakeTime(startMs = 0): {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  sleeps: number[];
} {
  let t = startMs;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      t += ms;
      return signal?.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve();
    },
  };
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn';
  obj: object;
  msg: string | undefined;
}

/** A logger that keeps every line; `dump()` is everything as one string, for leak checks. */
export function captureLog(onLine?: (line: LogLine) => void): {
  log: ConnectorLogger;
  lines: LogLine[];
  dump: () => string;
} {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (obj: object, msg?: string): void => {
      const line = { level, obj, msg };
      lines.push(line);
      onLine?.(line);
    };
  return {
    log: { debug: at('debug'), info: at('info'), warn: at('warn') },
    lines,
    dump: () => lines.map((l) => `${l.level} ${l.msg ?? ''} ${JSON.stringify(l.obj)}`).join('\n'),
  };
}
