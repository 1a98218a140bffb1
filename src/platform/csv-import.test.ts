import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { generateCsv, generatedRow } from '../../bench/generate-csv.ts';
import { CLI_ACTOR, listAudit } from '../db/repositories/audit.ts';
import { listEvents } from '../db/repositories/events.ts';
import { createLearner, findLearnerByEmail, listLearners } from '../db/repositories/learners.ts';
import { createTenant } from '../db/repositories/tenants.ts';
import { toCount } from '../db/portable.ts';
import type { Database } from '../db/schema.ts';
import { describeEachDialect } from '../db/testing.ts';
import type { CsvImportMode, CsvImportReport } from './csv-import.ts';
import { importLearnersCsv } from './csv-import.ts';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const LATER = new Date('2026-11-23T10:00:00.000Z');

/** Feeds the file in small byte chunks, so cells and multi-byte characters straddle chunks. */
async function* chunks(text: string | Buffer, size = 7): AsyncGenerator<Buffer> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  await Promise.resolve();
}

let tenantCounter = 0;
async function newTenant(db: Kysely<Database>): Promise<string> {
  tenantCounter += 1;
  return (await createTenant(db, { slug: `csv-${tenantCounter}` }, NOW.toISOString())).id;
}

async function run(
  db: Kysely<Database>,
  tenantId: string,
  text: string | Buffer,
  options: { mode?: CsvImportMode; dryRun?: boolean; now?: Date } = {},
): Promise<CsvImportReport> {
  return importLearnersCsv(db, {
    tenantId,
    input: chunks(text),
    mode: options.mode ?? 'all-or-nothing',
    actor: CLI_ACTOR,
    now: options.now ?? NOW,
    ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
  });
}

async function countRows(
  db: Kysely<Database>,
  tenantId: string,
): Promise<{ learners: number; events: number; audit: number }> {
  const count = async (table: 'learners' | 'events' | 'auditLog') =>
    toCount(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('tenantId', '=', tenantId)
          .executeTakeFirst()
      )?.n,
    );
  return {
    learners: await count('learners'),
    events: await count('events'),
    audit: await count('auditLog'),
  };
}

const HEADER = 'first_name,last_name,email,department,job_title';

describeEachDialect('CSV learner import', (fx) => {
  it('maps header aliases regardless of case, spaces, underscores and dashes', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    const csv =
      '\uFEFFgiven name, FAMILY_NAME ,Work-Email,Job Title,employee id,Hire Date,Employment Status,managerEmail,employee_type,Location,country,Department,Manager Name\n' +
      'Zoë,Müller,Zoe.Muller@Example.com,Analyst,E1,2024-03-01,Active,Boss@Example.com,Full-Time,Berlin,DE,Finance,Bo Ss\n';
    const report = await run(db, tenantId, csv);
    expect(report).toMatchObject({ applied: true, rows: 1, created: 1, errorCount: 0 });
    const learner = await findLearnerByEmail(db, tenantId, 'zoe.muller@example.com');
    expect(learner).toMatchObject({
      source: 'csv',
      firstName: 'Zoë',
      lastName: 'Müller',
      workEmail: 'zoe.muller@example.com',
      jobTitle: 'Analyst',
      employeeNumber: 'E1',
      startDate: '2024-03-01',
      employmentStatus: 'active',
      managerEmail: 'boss@example.com',
      employeeType: 'Full-Time',
      location: 'Berlin',
      country: 'DE',
      department: 'Finance',
      managerName: 'Bo Ss',
    });
    expect(learner?.provenance.department).toEqual({ source: 'csv', at: NOW.toISOString() });
  });

  it('reports every row error with the line the row starts on, multi-line cells included', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    const csv = [
      'first_name,last_name,email,start_date,employment_status,department', // 1
      'Ada,Okafor,ada@example.com,2024-01-02,active,"Research', // 2
      'and Development"', // 3
      ',,nobody@example.com,,,', // 4 missing_name
      'Bob,Smith,,,,', // 5 missing_email
      'Cy,Jones,not-an-email,,,', // 6 invalid_email
      'Di,Ng,ADA@Example.com,,,', // 7 duplicate_email (line 2)
      'Ed,Wu,ed@example.com,2024-02-30,,', // 8 invalid_date
      'Fa,Li,fa@example.com,,retired,', // 9 invalid_value
      'Gi,Ro,gi@example.com', // 10 malformed_row
      '', // 11 blank, ignored
      'Ha,Ko,ha@example.com,,,"two', // 12
      'lines",extra', // 13 malformed_row, starts on 12
      'Io,Pa,io@example.com,2025-13-01,,', // 14 invalid_date
      '',
    ].join('\n');
    const report = await run(db, tenantId, csv, { mode: 'valid-rows-only' });
    expect(report.errors.map((e) => [e.line, e.code, e.column])).toEqual([
      [4, 'missing_name', 'first_name'],
      [5, 'missing_email', 'email'],
      [6, 'invalid_email', 'email'],
      [7, 'duplicate_email', 'email'],
      [8, 'invalid_date', 'start_date'],
      [9, 'invalid_value', 'employment_status'],
      [10, 'malformed_row', null],
      [12, 'malformed_row', null],
      [14, 'invalid_date', 'start_date'],
    ]);
    expect(report.errors[3]?.message).toContain('line 2');
    expect(report).toMatchObject({
      rows: 10,
      created: 1,
      skipped: 9,
      errorCount: 9,
      applied: true,
    });
    const ada = await findLearnerByEmail(db, tenantId, 'ada@example.com');
    expect(ada?.department).toBe('Research\nand Development');
  });

  it('counts lines right in CRLF files, with CRLF inside a quoted cell', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    const csv = `${HEADER}\r\nAda,Okafor,ada@example.com,"R\r\nand\r\nD",x\r\n   \r\nBob,Smith,bob@,y,z\r\n`;
    const report = await run(db, tenantId, csv);
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([[6, 'invalid_email']]);
  });

  it('all-or-nothing writes nothing when any row is wrong; valid-rows-only applies the rest', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    const csv = `${HEADER}\nAda,Okafor,ada@example.com,Eng,Dev\nBob,,bob@example,Eng,Dev\nCy,,cy@example.com,,\n`;
    const strict = await run(db, tenantId, csv);
    expect(strict).toMatchObject({
      applied: false,
      rows: 3,
      created: 2,
      skipped: 1,
      errorCount: 1,
    });
    expect(await countRows(db, tenantId)).toEqual({ learners: 0, events: 0, audit: 0 });

    const lenient = await run(db, tenantId, csv, { mode: 'valid-rows-only' });
    expect(lenient).toMatchObject({
      applied: true,
      rows: 3,
      created: 2,
      skipped: 1,
      errorCount: 1,
    });
    expect(await countRows(db, tenantId)).toEqual({ learners: 2, events: 2, audit: 1 });
    const audit = await listAudit(db, tenantId, { limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'learners.import', actorType: 'cli' });
    expect(audit[0]?.details).toEqual({
      mode: 'valid-rows-only',
      rows: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      skipped: 1,
      errorCount: 1,
    });
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    await run(db, tenantId, `${HEADER}\nAda,Okafor,ada@example.com,Eng,Dev\n`);
    const before = await countRows(db, tenantId);
    const csv = `${HEADER}\nAda,Okafor,ada@example.com,Sales,Dev\nBob,Smith,bob@example.com,,\n`;
    const report = await run(db, tenantId, csv, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, applied: false, created: 1, updated: 1 });
    expect(await countRows(db, tenantId)).toEqual(before);
    expect((await findLearnerByEmail(db, tenantId, 'ada@example.com'))?.department).toBe('Eng');
  });

  it('re-importing the same file changes nothing and emits no event', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    const csv = generateCsv({ rows: 50, seed: 3 });
    expect(await run(db, tenantId, csv)).toMatchObject({ created: 50, applied: true });
    const before = await countRows(db, tenantId);
    const again = await run(db, tenantId, csv, { now: LATER });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 50, applied: true });
    expect(await countRows(db, tenantId)).toEqual({ ...before, audit: before.audit + 1 });
    const { items } = await listLearners(db, tenantId, {}, {});
    expect(items.every((l) => l.version === 1)).toBe(true);
  });

  it('updates only present, non-empty cells, with csv provenance and a learner.updated event', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    const person = { firstName: 'Ada', lastName: 'Okafor', workEmail: 'ada@example.com' };
    const manual = await createLearner(
      db,
      { tenantId, source: 'manual', person: { ...person, jobTitle: 'Dev', location: 'Lisbon' } },
      NOW.toISOString(),
    );
    const report = await run(db, tenantId, `${HEADER}\nAda,Okafor,ADA@example.com,Sales,\n`, {
      now: LATER,
    });
    expect(report).toMatchObject({ updated: 1, created: 0, unchanged: 0 });
    const after = await findLearnerByEmail(db, tenantId, 'ada@example.com');
    expect(after).toMatchObject({
      id: manual.id,
      source: 'manual',
      version: 2,
      department: 'Sales',
      jobTitle: 'Dev',
      location: 'Lisbon',
    });
    expect(after?.provenance.department).toEqual({ source: 'csv', at: LATER.toISOString() });
    expect(after?.provenance.jobTitle?.source).toBe('manual');
    const events = await listEvents(db, tenantId, { limit: 10 });
    expect(events.map((e) => [e.type, e.version])).toEqual([
      ['learner.created', 1],
      ['learner.updated', 2],
    ]);
    expect(events[1]?.payload).toMatchObject({ changedFields: ['department'] });
  });

  it('keeps an HRIS-linked learner hris-sourced and a deactivated learner deactivated', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    const base = { firstName: 'Ada', lastName: 'Okafor', department: 'Eng' };
    await createLearner(
      db,
      {
        tenantId,
        source: 'hris',
        connectionId: 'con_1',
        externalId: 'x1',
        person: { ...base, workEmail: 'ada@example.com' },
      },
      NOW.toISOString(),
    );
    await createLearner(
      db,
      {
        tenantId,
        source: 'csv',
        status: 'deactivated',
        person: { ...base, workEmail: 'bob@example.com' },
      },
      NOW.toISOString(),
    );
    const csv = `${HEADER}\nAda,Okafor,ada@example.com,Sales,\nBob,Okafor,bob@example.com,Sales,\n`;
    expect(await run(db, tenantId, csv, { now: LATER })).toMatchObject({ updated: 2 });
    const ada = await findLearnerByEmail(db, tenantId, 'ada@example.com');
    expect(ada).toMatchObject({ source: 'hris', connectionId: 'con_1', externalId: 'x1' });
    expect(ada?.provenance.department?.source).toBe('csv');
    expect(ada?.provenance.firstName).toMatchObject({ source: 'hris', connectionId: 'con_1' });
    const bob = await findLearnerByEmail(db, tenantId, 'bob@example.com');
    expect(bob).toMatchObject({
      status: 'deactivated',
      platformAccess: false,
      department: 'Sales',
    });
  });

  it('never stores an unknown column, in either mode', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    const csv = `first_name,last_name,email,Salary,Home Address,\nAda,Okafor,ada@example.com,987654,"1 Secret Lane",x\n`;
    const strict = await run(db, tenantId, csv);
    expect(strict.applied).toBe(false);
    expect(strict.errors.map((e) => [e.line, e.code, e.column])).toEqual([
      [1, 'unknown_column', 'Salary'],
      [1, 'unknown_column', 'Home Address'],
      [1, 'unknown_column', null],
    ]);
    const lenient = await run(db, tenantId, csv, { mode: 'valid-rows-only' });
    expect(lenient).toMatchObject({ applied: true, created: 1, errorCount: 3, skipped: 0 });
    const dump = JSON.stringify([
      await db.selectFrom('learners').selectAll().where('tenantId', '=', tenantId).execute(),
      await db.selectFrom('events').selectAll().where('tenantId', '=', tenantId).execute(),
      await db.selectFrom('auditLog').selectAll().where('tenantId', '=', tenantId).execute(),
    ]);
    expect(dump).toContain('ada@example.com');
    expect(dump).not.toContain('987654');
    expect(dump).not.toContain('Secret');
  });

  it('refuses unusable files in both modes', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    const cases: [string | Buffer, string][] = [
      ['first_name,last_name,department\nAda,Okafor,Eng\n', 'missing_column'],
      ['email,department\nada@example.com,Eng\n', 'missing_column'],
      ['', 'malformed_row'],
      ['\n\n  \n', 'malformed_row'],
      [
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        'malformed_row',
      ],
      ['email,Email,first_name\na@example.com,b@example.com,Ada\n', 'malformed_row'],
    ];
    for (const mode of ['all-or-nothing', 'valid-rows-only'] as const) {
      for (const [csv, code] of cases) {
        const report = await run(db, tenantId, csv, { mode });
        expect(report).toMatchObject({ applied: false, rows: 0, created: 0 });
        expect(report.errors.map((e) => e.code)).toContain(code);
        expect(report.errors.every((e) => e.line === 1)).toBe(true);
      }
    }
    expect(await countRows(db, tenantId)).toEqual({ learners: 0, events: 0, audit: 0 });
  });

  it('drains the input after a fatal header error, and fails when the input fails', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    let pulled = 0;
    async function* unusable(): AsyncGenerator<string> {
      yield 'salary,\n';
      for (; pulled < 100; pulled++) yield await Promise.resolve('1,2\n');
    }
    const base = { tenantId, mode: 'valid-rows-only', actor: CLI_ACTOR, now: NOW } as const;
    const report = await importLearnersCsv(db, { ...base, input: unusable() });
    expect(report).toMatchObject({ applied: false, rows: 0 });
    expect(pulled).toBe(100);

    async function* broken(): AsyncGenerator<string> {
      yield await Promise.resolve(`${HEADER}\nAda,Okafor,ada@example.com,,\n`);
      throw new Error('connection reset');
    }
    await expect(importLearnersCsv(db, { ...base, input: broken() })).rejects.toThrow(
      'connection reset',
    );
    expect(await countRows(db, tenantId)).toEqual({ learners: 0, events: 0, audit: 0 });
  });

  it('applies a header-only file as zero rows, and caps the error list', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    expect(await run(db, tenantId, `${HEADER}\n`)).toMatchObject({ applied: true, rows: 0 });
    const bad = `${HEADER}\n${'Ada,Okafor,not-an-email,,\n'.repeat(1500)}`;
    const report = await run(db, tenantId, bad, { mode: 'valid-rows-only' });
    expect(report).toMatchObject({ rows: 1500, skipped: 1500, errorCount: 1500 });
    expect(report.errors).toHaveLength(1000);
    expect(report.errors[999]?.line).toBe(1001);
  });

  it('imports a 2,000-row generated file, then a variant changing more learners than one batch', async () => {
    const db = fx.store.db;
    const tenantId = await newTenant(db);
    const options = { rows: 2000, seed: 42 };
    const first = await run(db, tenantId, generateCsv(options));
    expect(first).toMatchObject({ applied: true, rows: 2000, created: 2000, errorCount: 0 });
    expect(await countRows(db, tenantId)).toEqual({ learners: 2000, events: 2000, audit: 1 });

    const variant = { ...options, changedShare: 0.4 };
    let changed = 0;
    for (let i = 0; i < options.rows; i++) {
      if (generatedRow(i, variant).join() !== generatedRow(i, options).join()) changed += 1;
    }
    // Updates read their learners whole 500 at a time: this variant needs more than one batch.
    expect(changed).toBeGreaterThan(600);
    const second = await run(db, tenantId, generateCsv(variant), { now: LATER });
    expect(second).toMatchObject({ updated: changed, unchanged: 2000 - changed, created: 0 });
    expect((await countRows(db, tenantId)).events).toBe(2000 + changed);
    const versions = await db
      .selectFrom('learners')
      .select(['version', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenantId', '=', tenantId)
      .groupBy('version')
      .orderBy('version')
      .execute();
    expect(versions.map((v) => [v.version, Number(v.n)])).toEqual([
      [1, 2000 - changed],
      [2, changed],
    ]);
    const row = generatedRow(5, options);
    const learner = await findLearnerByEmail(db, tenantId, row[2] ?? '');
    expect(learner).toMatchObject({ firstName: row[0], lastName: row[1], employeeNumber: row[9] });
  });
});
