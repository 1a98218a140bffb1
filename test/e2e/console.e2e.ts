import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionDto } from '../../src/contracts/connections.ts';
import type { ConnectLinkDto } from '../../src/contracts/connect-links.ts';
import type { ConsoleServer, TestHris } from './browser.ts';
import {
  apiAs,
  closeBrowser,
  errorsOf,
  login,
  newPage,
  screenshot,
  startConsoleServer,
  startHrisEmulator,
  waitForApi,
} from './browser.ts';

describe('admin console in Chromium', () => {
  let server: ConsoleServer;
  let hris: TestHris;

  beforeAll(async () => {
    [server, hris] = await Promise.all([startConsoleServer(), startHrisEmulator()]);
  });
  afterAll(async () => {
    await closeBrowser();
    await server?.stop();
    await hris?.close();
  });

  it('signs an admin in and opens Team settings → HRIS integration', async () => {
    const page = await newPage();
    await login(page, 'admin');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'HRIS integration' }).click();
    await page.waitForURL('**/settings/hris');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/HRIS integration/);
    expect(
      await nav.getByRole('link', { name: 'HRIS integration' }).getAttribute('aria-current'),
    ).toBe('page');
    await page.getByRole('heading', { name: 'Secure connect link' }).waitFor();
    expect(errorsOf(page)).toEqual([]);
  });

  it('lets the HRIS owner complete a secure connect link in a second context without a login', async () => {
    const admin = await newPage();
    await login(admin, 'admin');
    await admin.goto('/settings/hris');
    const panel = admin.getByRole('region', { name: 'Secure connect link' });
    await panel.getByLabel('HRIS', { exact: true }).selectOption('bamboohr');
    await panel.getByRole('button', { name: 'Create link for BambooHR' }).click();
    const url = await panel.getByLabel('Connect link').inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/connect/rcl_[A-Za-z0-9_-]+$`));
    await expect.poll(() => panel.getByText('Waiting').count()).toBe(1);

    // The HRIS owner: a different browser context, no account, no session cookie.
    const owner = await newPage();
    await owner.goto(url);
    await owner
      .getByRole('heading', { name: 'Connect BambooHR to Rollcall for Demo Company' })
      .waitFor();
    await owner.getByText('Fields Rollcall reads').waitFor();
    await owner.getByLabel('Company domain').fill(hris.config.companyDomain);
    await owner.getByLabel('API key').fill('not-the-key');
    await owner.locator('summary', { hasText: 'Advanced' }).click();
    await owner.getByLabel('Base URL').fill(hris.config.baseUrl);
    await owner.getByRole('button', { name: 'Test connection' }).click();
    await owner.getByText('The connection test failed').waitFor();
    await owner.getByLabel('API key').fill(hris.config.apiKey);
    await owner.getByRole('button', { name: 'Test connection' }).click();
    await owner.getByText('BambooHR answered').waitFor();
    await owner.getByLabel('Your name').fill('Hana Owner');
    await owner.getByLabel('Your work email').fill('hana.owner@demo.example');
    await screenshot(owner, 'connect-link');
    await owner.getByRole('button', { name: 'Connect BambooHR' }).click();
    await owner.getByRole('heading', { name: 'BambooHR is connected' }).waitFor();
    expect(await owner.context().cookies()).toEqual([]);
    expect(errorsOf(owner)).toEqual([]);

    // Single use: opening it again says so.
    const again = await newPage();
    await again.goto(url);
    await again.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    await again.getByText('already used').waitFor();

    // The admin sees who connected and when, and the first sync completes.
    const api = await apiAs(admin);
    const links = await waitForApi<{ items: ConnectLinkDto[] }>(
      api,
      '/api/connect-links',
      (body) => body.items[0]?.status === 'used',
    );
    expect(links.items[0]).toMatchObject({ usedByName: 'Hana Owner', connectorId: 'bamboohr' });
    const connection = await waitForApi<ConnectionDto>(
      api,
      `/api/connections/${links.items[0]?.connectionId ?? ''}`,
      (body) => body.status === 'synced',
    );
    expect(connection.connectedBy).toBe(`connect_link:${links.items[0]?.id ?? ''}`);
    await admin.reload();
    await panel.getByText('Hana Owner').waitFor();
    await admin.getByText('Synced').first().waitFor();
    await screenshot(admin, 'hris-integration');
    expect(errorsOf(admin)).toEqual([]);
  });

  it('shows the sync history, the run and the synced learners', async () => {
    const page = await newPage();
    await login(page, 'admin');
    await page.goto('/sync');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await screenshot(page, 'sync-history');
    const api = await apiAs(page);
    const runs = await api.get<{ items: { id: string; status: string }[] }>('/api/runs');
    const run = runs.body.items.find((r) => r.status === 'succeeded');
    expect(run).toBeDefined();
    await page.goto(`/sync/runs/${run?.id ?? ''}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await screenshot(page, 'sync-run');
    await page.goto('/learners');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await screenshot(page, 'learners-list');
    expect(errorsOf(page)).toEqual([]);
  });

  it('shows a member no admin actions, and the API refuses them', async () => {
    const page = await newPage();
    await login(page, 'member');
    await page.goto('/settings/hris');
    await page.getByRole('heading', { level: 1, name: /HRIS integration/ }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.getByText('BambooHR').first().waitFor();
    for (const name of [/Connection actions/, /Create link/, /Resync/, /Disconnect/, /Revoke/])
      expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
    expect(await page.getByRole('heading', { name: 'Secure connect link' }).count()).toBe(0);
    const api = await apiAs(page);
    const refused = await api.post('/api/connect-links', { connectorId: 'bamboohr' });
    expect(refused.status).toBe(403);
    expect(errorsOf(page)).toEqual([]);
  });
});
