import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CsvImportReportDto as Report } from '../contracts/csv-import.ts';
import type { LearnerPage } from '../contracts/learners.ts';
import { describeEachDialect } from '../db/testing.ts';
import type { Caller, SeededTenant } from './test-support.ts';
import {
  bearer,
  buildTestApp,
  expectError,
  NOW,
  seedTenant,
  signIn,
  testClock,
} from './test-support.ts';

const GOOD = [
  'First Name,Last Name,Work Email,Department,Location',
  'Ada,Lovelace,ada@example.com,Engineering,London',
  'Alan,Turing,alan@example.com,Engineering,Manchester',
].join('\n');

const MIXED = [
  'first_name,last_name,work_email,department',
  'Grace,Hopper,grace@example.com,Navy',
  'Nobody,Here,not-an-email,Nowhere',
  'Edsger,Dijkstra,edsger@example.com,Science',
].join('\n');

describeEachDialect('api CSV import', (fx) => {
  let app: FastifyInstance;
  let t: SeededTenant;
  let admin: Caller;

  beforeAll(async () => {
    app = await buildTestApp(fx.store, { clock: testClock(NOW).clock });
    t = await seedTenant(fx.store, 'csvco');
    admin = await signIn(app, 'admin@csvco.test');
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = (query: string, body: string | Readable, caller: Caller = admin) =>
    app.inject({
      method: 'POST',
      url: `/api/learners/import${query}`,
      headers: { ...caller.headers, 'content-type': 'text/csv; charset=utf-8' },
      payload: body,
    });

  const emails = async (): Promise<string[]> => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/learners?limit=500',
      ...bearer(t.memberToken),
    });
    return response
      .json<LearnerPage>()
      .items.map((l) => l.workEmail ?? '')
      .sort();
  };

  it('dry-runs without writing, then imports for real (session + CSRF)', async () => {
    const dry = await upload('?dryRun=true', GOOD);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json<Report>()).toMatchObject({
      dryRun: true,
      applied: false,
      rows: 2,
      created: 2,
      errorCount: 0,
      mode: 'all-or-nothing',
    });
    expect(await emails()).toEqual([]);

    const real = await upload('', GOOD);
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json<Report>()).toMatchObject({ applied: true, created: 2, updated: 0 });
    expect(await emails()).toEqual(['ada@example.com', 'alan@example.com']);

    const again = await upload('', GOOD.replace('Manchester', 'Bletchley'));
    expect(again.json<Report>()).toMatchObject({
      applied: true,
      created: 0,
      updated: 1,
      unchanged: 1,
    });
  });

  it('refuses the whole file with 422 CSV_INVALID and the report in all-or-nothing mode', async () => {
    const error = expectError(await upload('?mode=all-or-nothing', MIXED), 422, 'CSV_INVALID');
    const report = error.details as Report;
    expect(report).toMatchObject({ applied: false, rows: 3, skipped: 1, errorCount: 1 });
    expect(report.errors[0]).toMatchObject({ line: 3, column: 'work_email' });
    expect(await emails()).not.toContain('grace@example.com');
  });

  it('imports the valid rows and reports the rest in valid-rows-only mode (bearer, no CSRF)', async () => {
    const response = await upload('?mode=valid-rows-only', MIXED, bearer(t.adminToken));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Report>()).toMatchObject({
      mode: 'valid-rows-only',
      applied: true,
      created: 2,
      skipped: 1,
      errorCount: 1,
    });
    expect(await emails()).toEqual(
      expect.arrayContaining(['grace@example.com', 'edsger@example.com']),
    );
  });

  it('reports a file that cannot be imported at all as 422, even in valid-rows-only mode', async () => {
    const error = expectError(
      await upload('?mode=valid-rows-only', 'name,phone\nx,1\n'),
      422,
      'CSV_INVALID',
    );
    expect(error.details).toMatchObject({ applied: false });
  });

  it('validates the query and the content type, and needs CSRF for sessions', async () => {
    expectError(await upload('?mode=sometimes', GOOD), 400, 'VALIDATION_FAILED');
    expectError(await upload('?dryRun=yes', GOOD), 400, 'VALIDATION_FAILED');
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/learners/import',
        ...bearer(t.adminToken),
        payload: { csv: GOOD },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/learners/import',
        headers: { cookie: admin.headers['cookie'] ?? '', 'content-type': 'text/csv' },
        payload: GOOD,
      }),
      403,
      'CSRF_FAILED',
    );
  });

  it('refuses bodies over 50 MB: by Content-Length at once, and while streaming', async () => {
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/learners/import',
        headers: {
          ...bearer(t.adminToken).headers,
          'content-type': 'text/csv',
          'content-length': String(51 * 1024 * 1024),
        },
        payload: 'work_email,first_name\n',
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    // Streaming without a length: a header, then 51 MB of blank lines (cheap for the parser).
    if (fx.store.dialect !== 'sqlite') return;
    const chunk = Buffer.alloc(1024 * 1024, '\n');
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent === 0) this.push('work_email,first_name\n');
        sent += 1;
        this.push(sent > 51 ? null : chunk);
      },
    });
    const response = await upload('', body, bearer(t.adminToken));
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
    expect(response.headers['connection']).toBe('close');
  });
});
