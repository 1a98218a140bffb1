import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import { createHttpClient } from './client.ts';
import type { HttpClientOptions } from './client.ts';
import { captureLog, fakeTime, startTestServer } from './testing.ts';
import type { RecordedRequest, Step, TestServer } from './testing.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(
  steps: readonly Step[],
  extra: Partial<HttpClientOptions> = {},
  onRequest?: (request: RecordedRequest) => void,
) {
  const server = await startTestServer(steps, onRequest);
  servers.push(server);
  const time = fakeTime();
  const logs = captureLog();
  const http = createHttpClient({
    baseUrl: server.origin,
    rateLimit: { requestsPerSecond: 1000, burst: 1000 },
    log: logs.log,
    sleep: time.sleep,
    now: time.now,
    random: () => 0.5,
    ...extra,
  });
  return { server, http, logs };
}

const ok: Step = { status: 200, body: '{"ok":true}' };
/** Headers, then part of a body, then nothing: the connection stays open. */
const stall: Step = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('[{"id":1},');
};

describe('HttpClient requests', () => {
  it('builds the URL, skips undefined query values, sends the default headers', async () => {
    const { http, server } = await setup([ok]);
    const response = await http.request({
      method: 'GET',
      path: '/api/v1/people',
      query: { fields: 'id,name', onlyCurrent: false, page: 2, cursor: undefined },
    });
    const [received] = server.requests;
    expect(received?.url).toBe('/api/v1/people?fields=id%2Cname&onlyCurrent=false&page=2');
    expect(received?.headers['accept']).toBe('application/json');
    expect(received?.headers['user-agent']).toMatch(/^rollcall\//);
    expect(received?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.requestId).toBe(received?.headers['x-request-id']);
  });

  it('sends a JSON body with exactly `Content-Type: application/json`', async () => {
    const { http, server } = await setup([ok]);
    await http.request({ method: 'POST', path: '/reports', body: { fields: ['id', 'ü'] } });
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    expect(server.requests[0]?.body).toBe('{"fields":["id","ü"]}');
  });

  it('sends a string body as is, with the caller’s headers', async () => {
    const { http, server } = await setup([ok]);
    await http.request({
      method: 'PUT',
      path: '/x',
      body: '<xml/>',
      headers: { 'content-type': 'application/xml', accept: 'application/xml' },
    });
    expect(server.requests[0]?.headers).toMatchObject({
      'content-type': 'application/xml',
      accept: 'application/xml',
    });
    expect(server.requests[0]?.body).toBe('<xml/>');
  });

  it('sets basic, bearer and custom-header auth', async () => {
    const { http, server } = await setup([ok]);
    await http.request({
      method: 'GET',
      path: '/a',
      auth: { type: 'basic', username: 'key', password: 'x' },
    });
    await http.request({ method: 'GET', path: '/b', auth: { type: 'bearer', token: 'tok' } });
    await http.request({
      method: 'GET',
      path: '/c',
      auth: { type: 'header', name: 'X-Api-Key', value: 'k1' },
    });
    const [basic, bearer, custom] = server.requests;
    expect(basic?.headers['authorization']).toBe(
      `Basic ${Buffer.from('key:x').toString('base64')}`,
    );
    expect(basic?.headers['authorization']).toBe('Basic a2V5Ong=');
    expect(bearer?.headers['authorization']).toBe('Bearer tok');
    expect(custom?.headers['x-api-key']).toBe('k1');
  });

  it('takes the vendor’s request id when it returns one', async () => {
    const { http } = await setup([{ status: 200, headers: { 'x-bamboohr-request-id': 'bhr-42' } }]);
    expect((await http.request({ method: 'GET', path: '/' })).requestId).toBe('bhr-42');
  });

  it('exposes the body as a Node stream', async () => {
    const { http } = await setup([{ status: 200, body: '[1,2,3]' }]);
    const response = await http.request({ method: 'GET', path: '/' });
    expect(response.body).toBeInstanceOf(Readable);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('[1,2,3]');
  });

  it('throws invalid_payload on bad JSON, without echoing the body', async () => {
    const { http } = await setup([{ status: 200, body: '{"name":"Ada Lovelace",' }]);
    const response = await http.request({ method: 'GET', path: '/' });
    const error = await response.json().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'invalid_payload', retryable: false });
    expect((error as Error).message).not.toMatch(/Ada/);
  });

  it('does not follow redirects, which could leave the allowed host', async () => {
    const { http } = await setup([{ status: 302, headers: { location: 'http://example.com/' } }]);
    expect((await http.request({ method: 'GET', path: '/' })).status).toBe(302);
  });

  it('keeps every path on the base URL', async () => {
    const { http, server } = await setup([ok]);
    await http.request({ method: 'GET', path: '//evil.example/x' });
    expect(server.requests[0]?.url).toBe('//evil.example/x');
    await expect(http.request({ method: 'GET', path: 'evil.example' })).rejects.toThrow(TypeError);
  });

  it('logs one debug line per attempt and a warning per retry, never secrets', async () => {
    const secrets = ['PW-s3cr3t', 'TOKEN-s3cr3t', 'QUERY-s3cr3t', 'BODY-s3cr3t', 'HDR-s3cr3t'];
    const { http, logs } = await setup(
      [{ status: 429 }, 'reset', { status: 401, body: '{"e":"TOKEN-s3cr3t"}' }, ok],
      { timeoutMs: 200 },
    );
    const request = {
      method: 'POST',
      path: '/reports/custom',
      operation: 'custom-report',
      query: { api_key: 'QUERY-s3cr3t' },
      headers: { 'x-extra': 'HDR-s3cr3t' },
      body: { filter: 'BODY-s3cr3t' },
    } as const;
    await http.request({
      ...request,
      auth: { type: 'basic', username: 'u', password: 'PW-s3cr3t' },
    });
    await http.request({ ...request, auth: { type: 'bearer', token: 'TOKEN-s3cr3t' } });
    const debug = logs.lines.filter((l) => l.level === 'debug');
    expect(debug).toHaveLength(4);
    expect(debug[0]?.obj).toMatchObject({
      operation: 'custom-report',
      method: 'POST',
      path: '/reports/custom',
      status: 429,
      attempt: 1,
      durationMs: 0,
      requestId: expect.any(String) as unknown,
    });
    expect(debug[1]?.obj).toMatchObject({ error: 'network', attempt: 2 });
    expect(logs.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
    for (const secret of secrets) expect(logs.dump()).not.toContain(secret);
    expect(logs.dump()).not.toContain('api_key');
  });
});

describe('HttpClient timeouts and cancellation', () => {
  it('retries a timed-out attempt, then throws ConnectorError(timeout)', async () => {
    const { http, server, logs } = await setup(['hang'], { timeoutMs: 50, maxAttempts: 2 });
    const error = await http.request({ method: 'GET', path: '/slow' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(server.requests).toHaveLength(2);
    expect(http.usage()).toMatchObject({ calls: 2, retries: 1 });
    expect(logs.lines.filter((l) => l.level === 'warn')[0]?.obj).toMatchObject({
      error: 'timeout',
    });
  });

  it('recovers when the attempt after a timeout answers', async () => {
    const { http } = await setup(['hang', ok], { timeoutMs: 50 });
    expect((await http.request({ method: 'GET', path: '/' })).status).toBe(200);
  });

  it('times out a body that stops arriving', async () => {
    const { http } = await setup([stall], { timeoutMs: 50 });
    const response = await http.request({ method: 'GET', path: '/' });
    await expect(response.text()).rejects.toMatchObject({ code: 'timeout' });
  });

  it('reports a body cut short by the server as truncated', async () => {
    const cut: Step = (req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('[{"id":1}', () => req.socket.destroy());
    };
    const { http } = await setup([cut]);
    const response = await http.request({ method: 'GET', path: '/' });
    await expect(response.text()).rejects.toMatchObject({ code: 'truncated', retryable: true });
  });

  it('cancels an in-flight request when the run is aborted, without retrying', async () => {
    const controller = new AbortController();
    const { http, server } = await setup(['hang'], { signal: controller.signal }, () =>
      controller.abort(),
    );
    await expect(http.request({ method: 'GET', path: '/' })).rejects.toMatchObject({
      code: 'cancelled',
      retryable: false,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('cancels a Retry-After wait when the run is aborted (default sleep)', async () => {
    const server = await startTestServer([{ status: 429, headers: { 'retry-after': '30' } }, ok]);
    servers.push(server);
    const controller = new AbortController();
    const logs = captureLog((line) => {
      if (line.level === 'warn') setTimeout(() => controller.abort(), 10);
    });
    const http = createHttpClient({
      baseUrl: server.origin,
      rateLimit: { requestsPerSecond: 10, burst: 10 },
      log: logs.log,
      signal: controller.signal,
    });
    await expect(http.request({ method: 'GET', path: '/' })).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(http.usage()).toMatchObject({ calls: 1, retries: 1, waitedMs: 0 });
  });

  it('cancels reading a body when the run is aborted', async () => {
    const controller = new AbortController();
    const { http } = await setup([stall], { signal: controller.signal });
    const response = await http.request({ method: 'GET', path: '/' });
    const reading = response.text();
    controller.abort();
    await expect(reading).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('sends nothing once the run is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { http, server } = await setup([ok], { signal: controller.signal });
    await expect(http.request({ method: 'GET', path: '/' })).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(server.requests).toHaveLength(0);
  });
});
