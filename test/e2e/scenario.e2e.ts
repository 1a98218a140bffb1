import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionDto } from '../../src/contracts/connections.ts';
import type { LearnerDetail, LearnerDto, LearnerPage } from '../../src/contracts/learners.ts';
import type { ProgramDetail } from '../../src/contracts/programs.ts';
import type { runSchema } from '../../src/contracts/runs.ts';
import type { z } from 'zod';
import type { Employee } from '../../emulators/bamboohr/employee.ts';
import type { ConsoleServer, PageApi, TestHris } from './browser.ts';
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

type Run = z.infer<typeof runSchema>;

/**
 * The whole HRIS story in Chromium, one server and one admin page from start to end: connect the
 * test's BambooHR → ✓ Synced → someone leaves → Resync → they are Deactivated and off future
 * classes and follow-ups → a paused run approved from the UI → CSV upload with an error row →
 * Disconnect. Each step builds on the previous one, so the steps run in order.
 */
describe('the HRIS scenario in Chromium', () => {
  let server: ConsoleServer;
  let hris: TestHris;
  let page: Page;
  let api: PageApi;
  let connectionId = '';
  /** The employee who leaves in step 3, their learner, and what they were enrolled in. */
  let leaver: Employee;
  let learner: LearnerDto;
  let program: ProgramDetail;
  let pastClassId = '';
  let futureClassId = '';
  /** Console errors after signing in (the login page's own 401 for "who am I?" is expected). */
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [server, hris] = await Promise.all([startConsoleServer(), startHrisEmulator()]);
    page = await newPage(server);
  });
  afterAll(async () => {
    await closeBrowser();
    await server?.stop();
    await hris?.close();
  });

  const status = (text: string) => page.getByRole('status').filter({ hasText: text });

  /** Active HRIS learners by their BambooHR id. */
  async function activeByExternalId(): Promise<Map<string, LearnerDto>> {
    const list = await api.get<LearnerPage>('/api/learners?source=hris&status=active&limit=500');
    expect(list.status).toBe(200);
    return new Map(list.body.items.map((l) => [l.externalId ?? '', l]));
  }

  /** "…" → Resync on the HRIS page, then the run it started, once it has finished or paused. */
  async function resyncFromMenu(): Promise<Run> {
    const before = await api.get<ConnectionDto>(`/api/connections/${connectionId}`);
    const previous = before.body.lastRun?.id;
    await page.getByRole('button', { name: 'Connection actions' }).click();
    await page.getByRole('menuitem', { name: 'Resync' }).click();
    await status('Resync started').waitFor();
    const connection = await waitForApi<ConnectionDto>(
      api,
      `/api/connections/${connectionId}`,
      (c) =>
        c.activeRun === null &&
        c.lastRun !== null &&
        c.lastRun.id !== previous &&
        !['queued', 'running'].includes(c.lastRun.status),
    );
    return (await api.get<Run>(`/api/runs/${connection.lastRun?.id ?? ''}`)).body;
  }

  it('1. connects BambooHR through Team settings → HRIS integration and shows ✓ Synced', async () => {
    await login(page, 'admin');
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.getByRole('navigation', { name: 'Main' }).getByText('Team settings').waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'HRIS integration' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'HRIS integration' }).waitFor();
    await page.getByRole('heading', { name: 'No HRIS connected' }).waitFor();
    await page.getByRole('button', { name: 'BambooHR', exact: true }).click();
    const details = page.getByRole('dialog', { name: 'BambooHR' });
    await details.getByRole('heading', { name: 'What is synced' }).waitFor();
    await details.getByRole('button', { name: 'Connect', exact: true }).click();

    const form = page.getByRole('dialog', { name: 'Connect BambooHR' });
    await form.getByLabel('Company domain').fill(hris.config.companyDomain);
    await form.getByLabel('API key').fill(hris.config.apiKey);
    await form.getByText('Advanced', { exact: true }).click();
    await form.getByLabel('Base URL').fill(hris.config.baseUrl);
    const connect = form.getByRole('button', { name: 'Connect', exact: true });
    expect(await connect.isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByText('BambooHR answered').waitFor();
    await connect.click();
    await form.waitFor({ state: 'hidden' });

    // No reload: the status polls its way from Syncing… to ✓ Synced.
    await status('✓ Synced').waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { level: 2, name: 'BambooHR' }).waitFor();
    api = await apiAs(page);
    const list = await api.get<{ items: ConnectionDto[] }>('/api/connections');
    const connection = list.body.items.find((c) => c.status !== 'disconnected');
    expect(connection).toMatchObject({ connectorId: 'bamboohr', status: 'synced', sandbox: false });
    connectionId = connection?.id ?? '';
  });

  it('2. enrolls a synced employee in a past and a future class and puts them on follow-ups', async () => {
    const company = hris.emulator.company;
    const emails = company.all().map((e) => e.workEmail?.toLowerCase());
    const learners = await activeByExternalId();
    const picked = company
      .all()
      .find(
        (e) =>
          e.status === 'Active' &&
          !!e.workEmail &&
          emails.filter((m) => m === e.workEmail?.toLowerCase()).length === 1 &&
          learners.has(e.id),
      );
    if (!picked) throw new Error('the emulated company has no active employee with a work email');
    leaver = picked;
    const found = await api.get<LearnerPage>(
      `/api/learners?q=${encodeURIComponent(leaver.workEmail ?? '')}`,
    );
    expect(found.body.items).toHaveLength(1);
    learner = found.body.items[0] as LearnerDto;
    expect(learner).toMatchObject({
      externalId: leaver.id,
      status: 'active',
      platformAccess: true,
    });

    // A demo program with a class that has taken place and one that is ahead.
    const now = Date.now();
    const programs = await api.get<{ items: { id: string }[] }>('/api/programs');
    for (const { id } of programs.body.items) {
      const detail = (await api.get<ProgramDetail>(`/api/programs/${id}`)).body;
      const past = detail.classes.find((c) => Date.parse(c.startsAt) < now - 3_600_000);
      const future = detail.classes.find((c) => Date.parse(c.startsAt) > now + 3_600_000);
      if (past && future) {
        program = detail;
        pastClassId = past.id;
        futureClassId = future.id;
        break;
      }
    }
    expect(futureClassId, 'a demo program with past and future classes').not.toBe('');

    const base = `/api/learners/${learner.id}`;
    for (const classId of [pastClassId, futureClassId]) {
      const enrolled = await api.post(`/api/classes/${classId}/enrollments`, {
        learnerId: learner.id,
      });
      expect(enrolled.status).toBe(200);
    }
    const attended = await api.post(`/api/classes/${pastClassId}/attendance`, {
      learnerId: learner.id,
      attendance: 'attended',
    });
    expect(attended.status).toBe(200);
    const followUp = await api.post(`/api/programs/${program.program.id}/follow-ups`, {
      learnerId: learner.id,
      note: 'Check in after the first session',
    });
    expect(followUp.body).toEqual({ added: true });
    expect((await api.post(`${base}/membership`)).status).toBeLessThan(300);

    const detail = (await api.get<LearnerDetail>(base)).body;
    expect(detail.classes.map((c) => c.classId).sort()).toEqual(
      [pastClassId, futureClassId].sort(),
    );
    expect(detail.membership?.status).toBe('active');
    const followUps = (await api.get<ProgramDetail>(`/api/programs/${program.program.id}`)).body
      .followUps;
    expect(followUps.map((f) => f.learnerId)).toContain(learner.id);
  });

  it('3. deactivates the person who left on Resync: off future classes and follow-ups, history kept', async () => {
    hris.emulator.company.terminate(leaver.id, hris.emulator.company.today);
    const run = await resyncFromMenu();
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'api' });
    expect(run.counts['deactivate']).toBe(1);
    await status('✓ Synced').waitFor({ timeout: 30_000 });

    // Learners → search → the row carries the Deactivated tag.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Learners' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Learners' }).waitFor();
    await page.getByLabel('Search learners').fill(leaver.workEmail ?? '');
    const row = page.getByRole('row').filter({ hasText: leaver.workEmail ?? '' });
    await expect.poll(() => page.getByRole('row').count()).toBe(2); // header + the one match
    await row.getByText('Deactivated', { exact: true }).waitFor();
    await row.getByText('Terminated in the HRIS').waitFor();

    // The learner page: access revoked, the future class gone, the attended past class kept.
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1 }).getByText('Deactivated').waitFor();
    await page.getByText('No, access revoked').waitFor();
    const classes = page.getByRole('table', { name: 'Classes' });
    const pastTitle = program.classes.find((c) => c.id === pastClassId)?.title ?? '';
    const futureTitle = program.classes.find((c) => c.id === futureClassId)?.title ?? '';
    await classes
      .getByRole('row', { name: new RegExp(pastTitle) })
      .getByText('Attended')
      .waitFor();
    expect(await classes.getByText(futureTitle).count()).toBe(0);
    await page.getByText(/Ended .*\(ended by the deactivation\)/).waitFor();

    const detail = (await api.get<LearnerDetail>(`/api/learners/${learner.id}`)).body;
    expect(detail.learner).toMatchObject({
      status: 'deactivated',
      platformAccess: false,
      deactivationReason: 'terminated',
    });
    expect(detail.classes).toEqual([
      expect.objectContaining({ classId: pastClassId, attendance: 'attended' }),
    ]);
    expect(detail.membership).toMatchObject({ status: 'ended' });
    const after = (await api.get<ProgramDetail>(`/api/programs/${program.program.id}`)).body;
    expect(after.followUps.map((f) => f.learnerId)).not.toContain(learner.id);
    const future = (
      await api.get<{ enrollments: { learnerId: string }[] }>(`/api/classes/${futureClassId}`)
    ).body;
    expect(future.enrollments.map((e) => e.learnerId)).not.toContain(learner.id);
    const past = (
      await api.get<{ enrollments: { learnerId: string; attendance: string }[] }>(
        `/api/classes/${pastClassId}`,
      )
    ).body;
    expect(past.enrollments).toContainEqual(
      expect.objectContaining({ learnerId: learner.id, attendance: 'attended' }),
    );
  });

  it('4. pauses a sync that deactivates too many people, and applies it once approved in the UI', async () => {
    const active = await activeByExternalId();
    // The deactivation guard with the default settings: max(5, 10% of the active linked learners).
    const limit = Math.max(5, Math.floor(0.1 * active.size));
    const leaving = hris.emulator.company
      .all()
      .filter((e) => e.status === 'Active' && active.has(e.id))
      .slice(0, limit + 3);
    expect(leaving).toHaveLength(limit + 3);
    for (const e of leaving) hris.emulator.company.terminate(e.id, hris.emulator.company.today);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'HRIS integration' })
      .click();
    const run = await resyncFromMenu();
    expect(run.status).toBe('awaiting_approval');
    await status('Awaiting approval').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Review the paused sync' }).click();

    const approval = page.getByRole('region', { name: 'Paused: this sync needs approval' });
    await approval
      .getByText(`${leaving.length} deactivation(s) exceed the limit of ${limit}`)
      .waitFor();
    await approval.getByText('Deactivation limit:').waitFor();
    const tab = page.getByRole('tab', { name: /Deactivated/ });
    expect(await tab.textContent()).toBe(`Deactivated${leaving.length}`);
    await tab.click();
    await page
      .getByRole('tabpanel')
      .getByRole('row')
      .filter({ hasText: leaving[0]?.workEmail ?? leaving[0]?.lastName ?? '' })
      .waitFor();
    // Nothing changed before the decision.
    expect((await activeByExternalId()).has(leaving[0]?.id ?? '')).toBe(true);
    await screenshot(page, 'paused-run');

    await approval.getByRole('button', { name: 'Approve' }).click();
    const confirm = page.getByRole('dialog', { name: 'Apply this sync?' });
    await confirm.getByText('Deactivated learners lose platform access').waitFor();
    await confirm.getByRole('button', { name: 'Approve and apply' }).click();
    await waitForApi<Run>(api, `/api/runs/${run.id}`, (r) => r.status === 'succeeded');
    await page.getByText('Succeeded', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await approval.count()).toBe(0);

    const still = await activeByExternalId();
    expect(leaving.filter((e) => still.has(e.id))).toEqual([]);
    const deactivated = await api.get<LearnerPage>('/api/learners?status=deactivated&limit=500');
    const reasons = new Map(deactivated.body.items.map((l) => [l.externalId, l]));
    for (const e of leaving)
      expect(reasons.get(e.id)).toMatchObject({ status: 'deactivated', platformAccess: false });

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Learners' })
      .click();
    await page.getByLabel('Status').selectOption('deactivated');
    await page.waitForURL(/status=deactivated/);
    const table = page.getByRole('table', { name: 'Learners' });
    await expect
      .poll(() => table.getByText('Deactivated', { exact: true }).count())
      .toBeGreaterThanOrEqual(leaving.length + 1);
    await screenshot(page, 'learners');
  });

  it('5. previews a CSV with a bad row, shows its line, and imports the valid rows only', async () => {
    const before = (await api.get<LearnerPage>('/api/learners?limit=1')).body.total;
    const csv = [
      'first_name,last_name,work_email,department,start_date',
      'Ines,Okafor,ines.okafor@contractors.example,Facilities,2026-01-12',
      'Bad,Row,not-an-email,Facilities,2026-01-12',
      'Tomas,Reyes,tomas.reyes@contractors.example,Facilities,2026-02-02',
    ].join('\n');
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('button', { name: 'Upload CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Upload learners' });
    await dialog.getByLabel('CSV file').setInputFiles({
      name: 'contractors.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const errors = dialog.getByRole('table', { name: 'Row errors' });
    const bad = errors.getByRole('row').filter({ hasText: 'not a valid email address' });
    await bad.waitFor();
    expect(await bad.getByRole('cell').first().textContent()).toBe('3');
    expect(await bad.getByRole('cell').nth(1).textContent()).toBe('work_email');
    // All or nothing (the default) refuses to import while a row is bad.
    await dialog.getByText('Nothing will be imported while the file has errors').waitFor();
    const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
    expect(await importButton.isDisabled()).toBe(true);

    await dialog.getByRole('radio', { name: /Import the valid rows only/ }).check();
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await errors.waitFor();
    await importButton.click();
    await dialog.getByText('Imported 2 new and 0 updated learners.').waitFor();
    await dialog.getByText('1 row(s) with errors skipped').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    expect((await api.get<LearnerPage>('/api/learners?limit=1')).body.total).toBe(before + 2);
    const imported = await api.get<LearnerPage>('/api/learners?source=csv');
    expect(imported.body.items.map((l) => l.workEmail).sort()).toEqual([
      'ines.okafor@contractors.example',
      'tomas.reyes@contractors.example',
    ]);
    await page.getByLabel('Search learners').fill('contractors.example');
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
  });

  it('6. disconnects from the "…" menu and keeps every learner', async () => {
    const before = (await api.get<LearnerPage>('/api/learners?limit=1')).body.total;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'HRIS integration' })
      .click();
    await status('✓ Synced').waitFor();
    await page.getByRole('button', { name: 'Connection actions' }).click();
    await page.getByRole('menuitem', { name: 'Disconnect' }).click();
    const confirm = page.getByRole('dialog', { name: 'Disconnect BambooHR?' });
    await confirm.getByText('Your learners, as they are now').waitFor();
    await confirm.getByRole('button', { name: 'Disconnect', exact: true }).click();

    await status('BambooHR is disconnected. Your learners and their history are kept.').waitFor();
    await page.getByRole('heading', { name: 'No HRIS connected' }).waitFor();
    await page.getByRole('heading', { name: 'Choose your HRIS' }).waitFor();
    await page.getByRole('button', { name: 'BambooHR', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Connection actions' }).count()).toBe(0);

    const connection = (await api.get<ConnectionDto>(`/api/connections/${connectionId}`)).body;
    expect(connection).toMatchObject({ status: 'disconnected', hasCredentials: false });
    expect((await api.get<LearnerPage>('/api/learners?limit=1')).body.total).toBe(before);
    const kept = (await api.get<LearnerDetail>(`/api/learners/${learner.id}`)).body;
    expect(kept.learner.status).toBe('deactivated');
    expect(kept.classes).toHaveLength(1);
    expect(errorsOf(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
