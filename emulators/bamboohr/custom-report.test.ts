import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENSITIVE_FIELD_IDS, SENSITIVE_MARKER } from './fields.ts';
import { startBambooHrEmulator, type BambooHrEmulator } from './server.ts';
import { customReport, postCustomReport } from './test-helpers.ts';

const TODAY = '2026-06-15';
/** What a directory sync asks for: nothing sensitive. */
const SAFE_FIELDS = [
  'id',
  'employeeNumber',
  'firstName',
  'lastName',
  'workEmail',
  'department',
  'jobTitle',
  'location',
  'employmentHistoryStatus',
  'status',
  'hireDate',
  'terminationDate',
  'supervisorEId',
  'supervisorId',
  'supervisor',
  'supervisorEmail',
];

let emu: BambooHrEmulator;
beforeAll(async () => {
  emu = await startBambooHrEmulator({
    company: { size: 600, seed: 11, today: TODAY, terminatedShare: 0.15, rehireShare: 0.03 },
  });
});
afterAll(async () => {
  await emu.close();
});

describe('POST /v1/reports/custom', () => {
  it('requires Content-Type exactly application/json (else 400 "Malformed XML")', async () => {
    for (const contentType of ['application/json; charset=UTF-8', 'text/plain', 'text/xml']) {
      const res = await postCustomReport(emu, ['firstName'], {
        headers: { 'content-type': contentType },
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('x-bamboohr-error-message')).toBe('Malformed XML');
      expect(await res.text()).toBe('');
    }
    expect((await postCustomReport(emu, ['firstName'])).status).toBe(200);
  });

  it('requires format=JSON and a fields array of at most 400 ids', async () => {
    expect((await postCustomReport(emu, ['firstName'], { query: 'onlyCurrent=true' })).status).toBe(
      400,
    );
    expect((await postCustomReport(emu, ['firstName'], { query: 'format=XML' })).status).toBe(400);
    expect((await postCustomReport(emu, [], { body: '{"title":"x"}' })).status).toBe(400);
    expect((await postCustomReport(emu, [], { body: '{"fields":' })).status).toBe(400);
    const many = Array.from({ length: 401 }, (_, i) => `customField${i}`);
    const tooMany = await postCustomReport(emu, many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers.get('x-bamboohr-error-message')).toMatch(/400/);
    expect((await postCustomReport(emu, many.slice(0, 400))).status).toBe(200);
  });

  it('returns every person, every status, on both path styles', async () => {
    const report = await customReport(emu, SAFE_FIELDS);
    expect(report.title).toBe('Rollcall');
    expect(report.employees).toHaveLength(emu.company.size);
    const rows = report.employees;
    expect(rows.some((r) => r.status === 'Active')).toBe(true);
    expect(rows.some((r) => r.employmentHistoryStatus === 'Terminated')).toBe(true);
    expect(rows.some((r) => r.status === 'Inactive' && r.hireDate! > TODAY)).toBe(true);
    // Rehired: active again, the older termination date still there.
    expect(
      rows.some(
        (r) => r.status === 'Active' && !!r.terminationDate && r.terminationDate < r.hireDate!,
      ),
    ).toBe(true);
    const direct = await postCustomReport(emu, SAFE_FIELDS, { base: `${emu.url}/api` });
    expect(((await direct.json()) as typeof report).employees).toEqual(rows);
  });

  it('returns exactly the requested known fields (plus id), values strings or null', async () => {
    const report = await customReport(emu, ['firstName', 'workEmail', 'firstName']);
    expect(report.fields).toEqual([
      { id: 'firstName', type: 'text', name: 'First Name' },
      { id: 'workEmail', type: 'email', name: 'Work Email' },
    ]);
    for (const row of report.employees) {
      expect(Object.keys(row)).toEqual(['id', 'firstName', 'workEmail']);
      expect(row.id).toMatch(/^\d+$/);
      expect(row.workEmail === null || typeof row.workEmail === 'string').toBe(true);
    }
  });

  it("reports managers the BambooHR way: supervisorId is the manager's employee number", async () => {
    const report = await customReport(emu, SAFE_FIELDS);
    const byId = new Map(report.employees.map((r) => [r.id, r]));
    const managed = report.employees.filter((r) => r.supervisorEId);
    expect(managed.length).toBe(report.employees.length - 1);
    for (const r of managed) {
      const m = byId.get(r.supervisorEId!);
      expect(m).toBeDefined();
      expect(r.supervisorId).toBe(m!.employeeNumber);
      expect(r.supervisor).toBe(`${m!.lastName}, ${m!.firstName}`);
      expect(r.supervisorEmail).toBe(m!.workEmail);
    }
    expect(managed.filter((r) => r.supervisorId === r.supervisorEId).length).toBeLessThan(
      managed.length / 10,
    );
    const ceo = report.employees.find((r) => !r.supervisorEId);
    expect(ceo).toMatchObject({ supervisorId: null, supervisor: null, supervisorEmail: null });
  });

  it('silently omits unknown field ids (still 200)', async () => {
    const res = await postCustomReport(emu, ['firstName', 'favouriteColour', 'customShoeSize']);
    expect(res.status).toBe(200);
    const report = (await res.json()) as Awaited<ReturnType<typeof customReport>>;
    expect(report.fields.map((f) => f.id)).toEqual(['firstName']);
    expect(Object.keys(report.employees[0] ?? {})).toEqual(['id', 'firstName']);
  });

  it('records the request bodies so tests can prove which fields were asked for', async () => {
    const before = emu.stats.lastRequestBodies.length;
    await customReport(emu, ['lastName']);
    expect(emu.stats.lastRequestBodies.length).toBe(Math.min(100, before + 1));
    expect(emu.stats.lastRequestBodies.at(-1)).toEqual({ title: 'Rollcall', fields: ['lastName'] });
  });

  it('answers sensitive fields only when asked, with distinctive values', async () => {
    const safe = await postCustomReport(emu, SAFE_FIELDS);
    expect(await safe.text()).not.toContain(SENSITIVE_MARKER);
    const report = await customReport(emu, [
      'ssn',
      'dateOfBirth',
      'payRate',
      'homeEmail',
      'country',
    ]);
    const row = report.employees[3];
    expect(row?.['ssn']).toBe(`SENSITIVE-ssn-${row?.id}`);
    expect(row?.['homeEmail']).toBe(`SENSITIVE-homeEmail-${row?.id}@home.example`);
    // bestEmail is the work email when there is one, the home email otherwise (next test).
    for (const id of SENSITIVE_FIELD_IDS.filter((f) => f !== 'bestEmail')) {
      const one = await customReport(emu, [id]);
      expect(one.employees[0]?.[id], id).toContain(SENSITIVE_MARKER);
    }
  });

  it('bestEmail falls back to the (sensitive) home email when the work email is missing', async () => {
    const report = await customReport(emu, ['workEmail', 'bestEmail']);
    const missing = report.employees.find((r) => !r.workEmail);
    expect(missing?.['bestEmail']).toContain(SENSITIVE_MARKER);
    const present = report.employees.find((r) => !!r.workEmail);
    expect(present?.['bestEmail']).toBe(present?.workEmail);
  });

  it('supports the lastChanged and employeeIds filters', async () => {
    const all = emu.company.all();
    const ids = all.slice(0, 3).map((e) => e.id);
    const byIds = await postCustomReport(emu, [], {
      body: JSON.stringify({ fields: ['firstName'], filters: { employeeIds: ids } }),
    });
    expect(
      ((await byIds.json()) as { employees: { id: string }[] }).employees.map((e) => e.id),
    ).toEqual(ids);
    const since = '2026-06-01T00:00:00Z';
    const recent = await postCustomReport(emu, [], {
      body: JSON.stringify({
        fields: ['lastChanged'],
        filters: { lastChanged: { includeNull: 'no', value: since } },
      }),
    });
    const rows = ((await recent.json()) as { employees: { lastChanged: string }[] }).employees;
    const expected = all.filter((e) => Date.parse(e.lastChanged) >= Date.parse(since)).length;
    expect(rows).toHaveLength(expected);
    expect(expected).toBeLessThan(all.length);
  });

  it('is deterministic: same seed → byte-identical report; another seed differs', async () => {
    const options = { size: 300, seed: 99, today: TODAY };
    const a = await startBambooHrEmulator({ company: options, apiKey: 'a'.repeat(40) });
    const b = await startBambooHrEmulator({ company: options, apiKey: 'b'.repeat(40) });
    const c = await startBambooHrEmulator({ company: { ...options, seed: 100 } });
    try {
      const fields = [...SAFE_FIELDS, 'preferredName', 'workPhone', 'lastChanged'];
      const [ta, tb, tc] = await Promise.all(
        [a, b, c].map(async (e) => (await postCustomReport(e, fields)).text()),
      );
      expect(ta).toBe(tb);
      expect(ta).not.toBe(tc);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('streams a large company in chunks', async () => {
    const big = await startBambooHrEmulator({ company: { size: 30_000, today: TODAY } });
    try {
      const res = await postCustomReport(big, SAFE_FIELDS);
      expect(res.headers.get('content-length')).toBeNull();
      expect(res.headers.get('transfer-encoding')).toBe('chunked');
      const report = (await res.json()) as { employees: unknown[] };
      expect(report.employees).toHaveLength(30_000);
    } finally {
      await big.close();
    }
  });
});
