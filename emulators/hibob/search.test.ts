import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { SENSITIVE_MARKER, sensitiveValue } from './fields.ts';
import { parseSearchRequest } from './search.ts';
import { startHiBobEmulator, type HiBobEmulator, type HiBobEmulatorOptions } from './server.ts';
import { at, errorBody, postSearch, search } from './test-helpers.ts';

const TODAY = '2026-06-15';
const startEmulator = closedAfterEach(startHiBobEmulator);
let emu: HiBobEmulator;

const start = async (extra: HiBobEmulatorOptions = {}): Promise<HiBobEmulator> => {
  emu = await startEmulator({ company: { size: 120, today: TODAY }, ...extra });
  return emu;
};

describe('POST /v1/people/search', () => {
  it('answers only the requested fields, nested by category, in one body', async () => {
    await start();
    const res = await postSearch(emu, {
      fields: ['root.id', 'root.surname', 'work.reportsTo', 'payroll.employment.type'],
      showInactive: true,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { employees } = (await res.json()) as { employees: Record<string, unknown>[] };
    expect(employees).toHaveLength(120);
    const withManager = employees.find((e) => at(e, 'work.reportsTo') !== null);
    expect(Object.keys(withManager ?? {}).sort()).toEqual(['id', 'payroll', 'surname', 'work']);
    expect(Object.keys(at(withManager, 'work.reportsTo') as object).sort()).toEqual([
      'displayName',
      'email',
      'firstName',
      'id',
      'surname',
    ]);
    expect(Object.keys(at(withManager, 'payroll') as object)).toEqual(['employment']);
  });

  it('leaves inactive people out unless showInactive is true', async () => {
    await start();
    const inactive = emu.company.all().filter((e) => e.status === 'Inactive').length;
    expect(inactive).toBeGreaterThan(0);
    expect(await search(emu, { fields: ['root.id'] })).toHaveLength(120 - inactive);
    expect(await search(emu, { fields: ['root.id'], showInactive: false })).toHaveLength(
      120 - inactive,
    );
    expect(await search(emu, { fields: ['root.id'], showInactive: true })).toHaveLength(120);
  });

  it('appends humanReadable display strings, and replaces values with REPLACE', async () => {
    await start({ faults: { listValuesAsIds: true } });
    const fields = ['root.id', 'work.department', 'work.siteId', 'work.startDate'];
    const [appended] = await search(emu, { fields, humanReadable: 'APPEND', showInactive: true });
    const person = emu.company.all()[0];
    if (!person?.department || !person.startDate) throw new Error('the CEO lacks data');
    expect(at(appended, 'work.department')).toMatch(/^\d+$/);
    expect(at(appended, 'humanReadable.work.department')).toBe(person.department);
    expect(at(appended, 'humanReadable.work.siteId')).toBe(person.site);
    const [y, m, d] = person.startDate.split('-');
    expect(at(appended, 'humanReadable.work.startDate')).toBe(`${m}/${d}/${y}`);
    const [replaced] = await search(emu, { fields, humanReadable: 'REPLACE', showInactive: true });
    expect(at(replaced, 'work.department')).toBe(person.department);
    expect(at(replaced, 'humanReadable')).toBeUndefined();
    const [plain] = await search(emu, { fields, showInactive: true });
    expect(at(plain, 'humanReadable')).toBeUndefined();
  });

  it('answers sensitive ids with marked values, and empty fields with whole categories', async () => {
    await start();
    const person = emu.company.all()[0];
    const [one] = await search(emu, {
      fields: ['root.id', 'payroll.salary.yearlyPayment', 'home.privateEmail', 'address.anything'],
      filters: [{ fieldPath: 'root.id', operator: 'equals', values: [person?.id] }],
    });
    expect(at(one, 'payroll.salary.yearlyPayment')).toBe(
      sensitiveValue('payroll.salary.yearlyPayment', person?.id ?? ''),
    );
    expect(at(one, 'home.privateEmail')).toContain(SENSITIVE_MARKER);
    expect(at(one, 'address.anything')).toContain(SENSITIVE_MARKER);
    const [basic] = await search(emu, { fields: [] });
    expect(JSON.stringify(basic)).toContain(SENSITIVE_MARKER);
    expect(at(basic, 'work.department')).toBeDefined();
    const [none] = await search(emu, {});
    expect(Object.keys(none ?? {})).toEqual(Object.keys(basic ?? {}));
  });

  it('drops unknown non-sensitive ids and accepts the /category/field spelling', async () => {
    await start();
    const [e] = await search(emu, { fields: ['/root/id', 'work.noSuchField', '/work/site'] });
    expect(Object.keys(e ?? {}).sort()).toEqual(['id', 'work']);
    expect(Object.keys(at(e, 'work') as object)).toEqual(['site']);
  });

  it('omits fields the service user cannot see, without an error', async () => {
    await start({ faults: { hiddenFields: ['payroll', 'internal.terminationDate'] } });
    const [e] = await search(emu, {
      fields: ['root.id', 'payroll.employment.type', 'internal.status', 'internal.terminationDate'],
      humanReadable: 'APPEND',
    });
    expect(at(e, 'payroll')).toBeUndefined();
    expect(at(e, 'internal')).toEqual({ status: 'Active' });
    expect(at(e, 'humanReadable.internal')).toEqual({ status: 'Active' });
  });

  it('filters on root.id or root.email (equals, one filter)', async () => {
    await start();
    const [a, b] = emu.company.all().filter((e) => e.email);
    const byId = await search(emu, {
      filters: [{ fieldPath: 'root.id', operator: 'equals', values: [a?.id, b?.id] }],
      fields: ['root.id'],
      showInactive: true,
    });
    expect(byId.map((e) => e.id)).toEqual([a?.id, b?.id]);
    const byEmail = await search(emu, {
      filters: [
        { fieldPath: '/root/email', operator: 'equals', values: [a?.email?.toUpperCase()] },
      ],
      fields: ['root.id'],
      showInactive: true,
    });
    expect(byEmail.map((e) => e.id)).toContain(a?.id);
  });

  it.each([
    ['two filters', { filters: [{}, {}] }],
    [
      'another field',
      { filters: [{ fieldPath: 'work.department', operator: 'equals', values: [] }] },
    ],
    ['another operator', { filters: [{ fieldPath: 'root.id', operator: 'in', values: ['1'] }] }],
    [
      'values not strings',
      { filters: [{ fieldPath: 'root.id', operator: 'equals', values: [1] }] },
    ],
    ['fields not an array', { fields: 'root.id' }],
    ['showInactive not a boolean', { showInactive: 'true' }],
    ['unknown humanReadable', { humanReadable: 'YES' }],
    ['not an object', ['root.id']],
  ])('answers 400 {key, error} for %s', async (_name, body) => {
    await start();
    const res = await postSearch(emu, body);
    expect(res.status).toBe(400);
    expect((await errorBody(res)).key).toBe('invalid.request');
  });

  it('needs a JSON body with a JSON content type, and POST', async () => {
    await start();
    const broken = await postSearch(emu, null, { raw: '{"fields":' });
    expect([broken.status, await broken.json()]).toEqual([
      400,
      { key: 'invalid.json', error: 'The request body is not valid JSON' },
    ]);
    const form = await postSearch(emu, {}, { headers: { 'content-type': 'text/plain' } });
    expect(form.status).toBe(415);
    const charset = await postSearch(
      emu,
      { fields: ['root.id'] },
      { headers: { 'content-type': 'application/json; charset=utf-8' } },
    );
    expect(charset.status).toBe(200);
    const get = await fetch(`${emu.url}/v1/people/search`, {
      headers: { authorization: `Basic ${btoa(`${emu.serviceUserId}:${emu.token}`)}` },
    });
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect(emu.stats.lastRequestBodies).toEqual([{ fields: ['root.id'] }]);
  });

  it('sends the rate-limit headers on every search', async () => {
    await start();
    const res = await postSearch(emu, { fields: ['root.id'] });
    await res.arrayBuffer();
    expect(res.headers.get('x-ratelimit-limit')).toBe('50');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('49');
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    expect(reset * 1000 - Date.now()).toBeGreaterThan(55_000);
    expect(reset * 1000 - Date.now()).toBeLessThanOrEqual(61_000);
  });
});

describe('parseSearchRequest', () => {
  it('de-duplicates fields in request order and keeps the flags', () => {
    const request = parseSearchRequest({
      fields: ['work.site', 'root.id', '/work/site'],
      showInactive: true,
      humanReadable: 'APPEND',
      filters: [],
    });
    expect(request).toMatchObject({ showInactive: true, humanReadable: 'APPEND', filter: null });
    if (typeof request === 'string') throw new Error(request);
    expect(request.fields.map((f) => f.id)).toEqual(['work.site', 'root.id']);
  });
});
