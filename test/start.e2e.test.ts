import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startService, stopService, tempDir } from './helpers.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A tiny HTTPS-tolerant client: the test certificate is self-signed. */
function request(
  url: string,
  init: { method?: string; body?: unknown; cookie?: string; csrf?: string } = {},
): Promise<Reply> {
  const target = new URL(url);
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  const headers: Record<string, string> = {};
  if (payload) headers['content-type'] = 'application/json';
  if (init.cookie) headers['cookie'] = init.cookie;
  if (init.csrf) headers['x-csrf-token'] = init.csrf;
  if (target.protocol === 'http:') {
    return fetch(url, {
      method: init.method ?? 'GET',
      headers,
      ...(payload ? { body: payload } : {}),
    }).then(async (r) => ({
      status: r.status,
      headers: Object.fromEntries(
        [...r.headers.entries()].concat(r.headers.getSetCookie().map((c) => ['set-cookie', c])),
      ),
      body: await r.text(),
    }));
  }
  return new Promise((resolve, reject) => {
    const req = https.request(
      target,
      { method: init.method ?? 'GET', headers, rejectUnauthorized: false },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function credentialsFrom(stdout: string): { email: string; password: string } {
  const email = /Demo admin: (\S+)/.exec(stdout)?.[1];
  const password = /Password:\s+(\S+)/.exec(stdout)?.[1];
  if (!email || !password) throw new Error(`no demo credentials in:\n${stdout}`);
  return { email, password };
}

describe('npm start (rollcall start) on the embedded store', () => {
  it('migrates, seeds the demo tenant once, serves the API, and prints URL and credentials', async () => {
    const dataDir = path.join(tempDir('rollcall-start-'), 'data');
    const env = { ROLLCALL_DATA_DIR: dataDir, ROLLCALL_LOG_LEVEL: 'info' };

    const first = await startService(['--port', '0'], env);
    const creds = credentialsFrom(first.stdout());
    expect(existsSync(path.join(dataDir, 'rollcall.db'))).toBe(true);
    expect(statSync(path.join(dataDir, 'demo-admin.json')).mode & 0o777).toBe(0o600);
    // Logs go to stderr, never stdout.
    expect(first.stdout()).not.toMatch(/"level"/);
    expect(first.stderr()).toMatch(/"level"/);

    expect((await request(`${first.url}/healthz`)).status).toBe(200);
    expect((await request(`${first.url}/readyz`)).status).toBe(200);
    const login = await request(`${first.url}/api/auth/login`, { method: 'POST', body: creds });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const programs = await request(`${first.url}/api/programs`, { cookie });
    expect(programs.status).toBe(200);
    const firstPrograms = JSON.parse(programs.body) as unknown[] | { items: unknown[] };
    const count = Array.isArray(firstPrograms) ? firstPrograms.length : firstPrograms.items.length;
    expect(count).toBe(3);
    expect(await stopService(first.child)).toBe(0);

    // A second start finds the demo, prints the same credentials, and duplicates nothing.
    const second = await startService(['--port', '0'], env);
    expect(credentialsFrom(second.stdout())).toEqual(creds);
    const again = await request(`${second.url}/api/auth/login`, { method: 'POST', body: creds });
    const cookie2 = String(again.headers['set-cookie']).split(';')[0] ?? '';
    const programs2 = JSON.parse(
      (await request(`${second.url}/api/programs`, { cookie: cookie2 })).body,
    ) as unknown[] | { items: unknown[] };
    expect(Array.isArray(programs2) ? programs2.length : programs2.items.length).toBe(3);
    expect(await stopService(second.child)).toBe(0);
  });

  it('lets a newcomer connect the sandbox HRIS and see a real sync', async () => {
    const dataDir = path.join(tempDir('rollcall-sandbox-'), 'data');
    const service = await startService(['--port', '0'], { ROLLCALL_DATA_DIR: dataDir });
    try {
      expect(service.stdout()).toMatch(/Sandbox HRIS: bamboohr, hibob, personio, .*csv-sftp/);
      const login = await request(`${service.url}/api/auth/login`, {
        method: 'POST',
        body: credentialsFrom(service.stdout()),
      });
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      const { csrfToken } = JSON.parse(login.body) as { csrfToken: string };
      const session = { cookie, csrf: csrfToken };
      const catalogue = JSON.parse(
        (await request(`${service.url}/api/connectors`, session)).body,
      ) as { items: { id: string; sandbox: boolean }[] };
      // Every connector has a sandbox (src/api/sandbox-connections.test.ts syncs each of them).
      expect(catalogue.items.filter((c) => c.sandbox).map((c) => c.id)).toEqual(
        catalogue.items.map((c) => c.id),
      );
      expect(catalogue.items.length).toBeGreaterThanOrEqual(12);

      for (const connectorId of ['hibob', 'bamboohr']) {
        const connected = await request(`${service.url}/api/connections`, {
          method: 'POST',
          body: { connectorId, sandbox: true },
          ...session,
        });
        expect(connected.status, connected.body).toBe(201);
        const id = (JSON.parse(connected.body) as { connection: { id: string } }).connection.id;
        let status = '';
        for (let i = 0; i < 300 && status !== 'synced'; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          const view = await request(`${service.url}/api/connections/${id}`, session);
          status = (JSON.parse(view.body) as { status: string }).status;
        }
        expect(status).toBe('synced');
        const learners = JSON.parse(
          (await request(`${service.url}/api/learners?source=hris&limit=200`, session)).body,
        ) as { total: number };
        expect(learners.total).toBeGreaterThan(60);
        const disconnected = await request(`${service.url}/api/connections/${id}`, {
          method: 'DELETE',
          ...session,
        });
        expect(disconnected.status, disconnected.body).toBe(200);
      }
    } finally {
      await stopService(service.child);
    }
  });

  it('writes logs to ROLLCALL_LOG_FILE when set', async () => {
    const dir = tempDir('rollcall-logfile-');
    const logFile = path.join(dir, 'logs', 'rollcall.log');
    const service = await startService(['--port', '0'], {
      ROLLCALL_DATA_DIR: path.join(dir, 'data'),
      ROLLCALL_LOG_FILE: logFile,
      ROLLCALL_LOG_LEVEL: 'info',
    });
    await request(`${service.url}/healthz`);
    await stopService(service.child);
    expect(readFileSync(logFile, 'utf8')).toMatch(/"level"/);
    expect(service.stderr()).not.toMatch(/"level"/);
  });

  it('serves HTTPS with secure cookies and HSTS when a certificate is configured', async () => {
    const dir = tempDir('rollcall-tls-');
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      {
        stdio: 'ignore',
      },
    );
    const service = await startService(['--port', '0'], {
      ROLLCALL_DATA_DIR: path.join(dir, 'data'),
      ROLLCALL_TLS_CERT: cert,
      ROLLCALL_TLS_KEY: key,
    });
    try {
      expect(service.url).toMatch(/^https:\/\//);
      const creds = credentialsFrom(service.stdout());
      const login = await request(`${service.url}/api/auth/login`, { method: 'POST', body: creds });
      expect(login.status).toBe(200);
      expect(String(login.headers['set-cookie'])).toMatch(/; Secure/i);
      expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly/i);
      expect(login.headers['strict-transport-security']).toBeDefined();
    } finally {
      await stopService(service.child);
    }
  });
});
