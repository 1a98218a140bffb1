import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { expect } from 'vitest';
import type { BambooHrEmulator } from '../../emulators/bamboohr/server.ts';
import { startBambooHrEmulator } from '../../emulators/bamboohr/server.ts';
import type { CompanyOptions } from '../../emulators/bamboohr/company.ts';
import type { CliResult } from '../helpers.ts';
import { ROOT, runCli, startService, stopService, tempDir } from '../helpers.ts';
import { CHROMIUM_PATH } from './chromium.ts';

/**
 * The browser harness: a real `rollcall start` (child process, embedded store, sandbox and demo
 * tenant, the built console), Debian's Chromium driven by playwright-core, and helpers to sign in,
 * call the API as the signed-in user and save screenshots for the docs.
 *
 * HRIS data the test must change (terminate someone, then Resync) lives in a BambooHR emulator the
 * test starts itself (`startHrisEmulator`) and connects with real credentials: the server's own
 * sandbox runs inside the child process, out of the test's reach. The server is started with
 * `ROLLCALL_EXTRA_ALLOWED_HOSTS=127.0.0.1` so a connection may point at that loopback emulator.
 */

export const SCREENSHOT_DIR = path.join(ROOT, 'docs', 'screenshots');

export type Role = 'admin' | 'member';

export interface Credentials {
  email: string;
  password: string;
}

export interface ConsoleServer {
  /** Origin of the console and the API, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The server's data directory (SQLite store, secret key, demo credentials). */
  dataDir: string;
  /** Credentials of a console user of the demo tenant; a member is created on first use. */
  credentials(role: Role): Promise<Credentials>;
  /** Runs `rollcall <args>` on this server's store, as an operator at the same machine would. */
  cli(args: string[]): Promise<CliResult>;
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

const MEMBER: Credentials = {
  email: 'member@demo.rollcall.test',
  password: 'member-password-e2e',
};

let current: ConsoleServer | undefined;

/**
 * Starts `rollcall start --port 0` like `npm start` does, in a fresh data directory, and waits for
 * it to print its URL and the demo admin's credentials. The last started server is the default of
 * `newPage()`.
 */
export async function startConsoleServer(
  options: { env?: Record<string, string> } = {},
): Promise<ConsoleServer> {
  const dataDir = path.join(tempDir('rollcall-e2e-'), 'data');
  const env = {
    ROLLCALL_DATA_DIR: dataDir,
    ROLLCALL_EXTRA_ALLOWED_HOSTS: '127.0.0.1',
    ...options.env,
  };
  const service = await startService(['--port', '0'], env);
  const stdout = service.stdout();
  const admin = {
    email: /Demo admin: (\S+)/.exec(stdout)?.[1] ?? '',
    password: /Password:\s+(\S+)/.exec(stdout)?.[1] ?? '',
  };
  if (!admin.email || !admin.password) {
    await stopService(service.child);
    throw new Error(`rollcall start printed no demo credentials:\n${stdout}`);
  }
  const cli = (args: string[]) => runCli(args, { env });
  let member: Promise<Credentials> | undefined;
  const server: ConsoleServer = {
    url: service.url,
    dataDir,
    credentials(role) {
      if (role === 'admin') return Promise.resolve(admin);
      member ??= cli([
        'users',
        'create',
        '--email',
        MEMBER.email,
        '--name',
        'Demo Member',
        '--role',
        'member',
        '--password',
        MEMBER.password,
      ]).then((result) => {
        if (result.code !== 0) throw new Error(`cannot create the member: ${result.stderr}`);
        return MEMBER;
      });
      return member;
    },
    cli,
    stdout: service.stdout,
    stderr: service.stderr,
    async stop() {
      if (current === server) current = undefined;
      await stopService(service.child);
    },
  };
  current = server;
  return server;
}

let browser: Promise<Browser> | undefined;

/** The suite's one Chromium (a fresh temporary profile per launch; Playwright never downloads). */
export function launchBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  const open = browser;
  browser = undefined;
  await (await open)?.close();
}

const servers = new WeakMap<Page, ConsoleServer>();
const pageErrors = new WeakMap<Page, Error[]>();

/**
 * A page in a new browser context: its own cookies and storage, so every `newPage()` is a
 * different person (an admin, a member, the HRIS owner opening a link without an account).
 * Relative URLs resolve against the server's origin.
 */
export async function newPage(server: ConsoleServer | undefined = current): Promise<Page> {
  if (!server) throw new Error('start a server first: startConsoleServer()');
  const context = await (
    await launchBrowser()
  ).newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 860 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  servers.set(page, server);
  pageErrors.set(page, errors);
  return page;
}

/** Uncaught errors of the page's scripts so far: a test can expect none. */
export function errorsOf(page: Page): Error[] {
  return pageErrors.get(page) ?? [];
}

function serverOf(page: Page): ConsoleServer {
  const server = servers.get(page);
  if (!server) throw new Error('this page was not made by newPage()');
  return server;
}

/** Signs in through the login form as the demo tenant's admin or member. */
export async function login(page: Page, role: Role = 'admin'): Promise<void> {
  const { email, password } = await serverOf(page).credentials(role);
  await page.goto('/login');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/** The API as the page's signed-in user: the session cookie of its context plus the CSRF token. */
export interface PageApi {
  get<T = unknown>(path: string): Promise<ApiAnswer<T>>;
  post<T = unknown>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  delete<T = unknown>(path: string): Promise<ApiAnswer<T>>;
}

export async function apiAs(page: Page): Promise<PageApi> {
  const request = page.context().request;
  const base = serverOf(page).url;
  const me = await request.get(`${base}/api/auth/me`);
  const csrf = me.ok() ? ((await me.json()) as { csrfToken: string | null }).csrfToken : null;
  const headers = csrf ? { 'x-csrf-token': csrf } : {};
  const answer = async <T>(response: Awaited<ReturnType<typeof request.get>>) => {
    const text = await response.text();
    return { status: response.status(), body: (text === '' ? undefined : JSON.parse(text)) as T };
  };
  return {
    get: async (p) => answer(await request.get(`${base}${p}`)),
    post: async (p, body) =>
      answer(
        await request.post(`${base}${p}`, {
          headers,
          ...(body === undefined ? {} : { data: body }),
        }),
      ),
    delete: async (p) => answer(await request.delete(`${base}${p}`, { headers })),
  };
}

/** Polls the API until `ready` holds (the console updates live; tests wait for the same state). */
export async function waitForApi<T>(
  api: PageApi,
  path: string,
  ready: (body: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await api.get<T>(path);
    if (status === 200 && ready(body)) return body;
    if (Date.now() > deadline)
      throw new Error(`${path} not ready after ${timeoutMs} ms: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Saves `docs/screenshots/<name>.png` (overwritten each run) once the page has settled: no
 * requests in flight and no loading placeholders.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  await page.waitForLoadState('networkidle');
  await expect
    .poll(() =>
      page
        .getByRole('status')
        .filter({ hasText: /Loading/ })
        .count(),
    )
    .toBe(0);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  return file;
}

export interface TestHris {
  emulator: BambooHrEmulator;
  /** The BambooHR config that reaches this emulator: the connect form's values. */
  config: { companyDomain: string; apiKey: string; baseUrl: string };
  close(): Promise<void>;
}

/**
 * A BambooHR emulator in the test process, on a free loopback port, with a generated company the
 * test can change between syncs (`emulator.company.terminate(id)`, `hire()`, `update()`…).
 */
export async function startHrisEmulator(
  options: { company?: CompanyOptions } = {},
): Promise<TestHris> {
  const emulator = await startBambooHrEmulator({
    host: '127.0.0.1',
    port: 0,
    companyDomain: 'e2e',
    apiKey: 'e2e-bamboohr-api-key',
    company: options.company ?? { seed: 20261122, size: 120 },
  });
  return {
    emulator,
    config: {
      companyDomain: emulator.companyDomain,
      apiKey: emulator.apiKey,
      baseUrl: emulator.url,
    },
    close: () => emulator.close(),
  };
}
