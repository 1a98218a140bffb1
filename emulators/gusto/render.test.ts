import { afterEach, describe, expect, it } from 'vitest';
import { SENSITIVE_MARKER } from '../shared/company.ts';
import { startGustoEmulator, type GustoEmulator } from './server.ts';
import { employeesPath, list, type GustoRecord } from './test-helpers.ts';

let emu: GustoEmulator;
afterEach(async () => {
  await emu.close();
});

const TODAY = '2026-06-15';
const start = async (faults: Parameters<typeof startGustoEmulator>[0] = {}) => {
  emu = await startGustoEmulator({ company: { size: 80, today: TODAY }, ...faults });
  return emu;
};
const byId = (records: GustoRecord[]) => new Map(records.map((r) => [r['uuid'] as string, r]));

describe('Gusto emulator records', () => {
  it('renders people in the recorded shape, sensitive fields marked', async () => {
    await start();
    const [first] = await list(emu, employeesPath(emu, '?page=1&per=1'));
    const person = emu.company.all()[0];
    if (!first || !person) throw new Error('empty company');
    expect(first).toMatchObject({
      uuid: person.id,
      first_name: person.firstName,
      last_name: person.lastName,
      company_uuid: emu.companyUuid,
      work_email: person.email,
      department: person.department,
      department_uuid: emu.company.departmentUuid(person.department),
      terminated: false,
      terminations: [],
      jobs: [{ primary: true, title: person.title, hire_date: person.startDate }],
    });
    for (const field of ['ssn', 'date_of_birth', 'email', 'phone', 'payment_method']) {
      expect(String(first[field])).toContain(SENSITIVE_MARKER);
    }
    expect(JSON.stringify(first['jobs'])).toContain(`${SENSITIVE_MARKER}jobs.rate`);
    expect(JSON.stringify(first['current_home_address'])).toContain(SENSITIVE_MARKER);
  });

  it('sends only what NOTES documents without overshare: no pay, no home address', async () => {
    await start({ faults: { overshare: false } });
    const records = await list(emu, employeesPath(emu));
    const text = JSON.stringify(records);
    expect(text).not.toContain('jobs.rate');
    expect(text).not.toContain('current_home_address');
    expect(text).toContain(`${SENSITIVE_MARKER}date_of_birth`);
    const included = await list(emu, employeesPath(emu, '?include=current_home_address'));
    expect(JSON.stringify(included)).toContain('current_home_address');
  });

  it('flags a termination the day after the last day, and keeps a rehire active', async () => {
    await start();
    const { company } = emu;
    const [a, b, c] = company.all().filter((p) => p.lifecycle === 'active' && p.index > 10);
    if (!a || !b || !c) throw new Error('the company lacks people');
    company.terminate(a.id, '2026-06-14');
    company.terminate(b.id);
    company.terminate(c.id, '2026-07-01');
    const left = company
      .all()
      .find((p) => p.lifecycle === 'terminated' && p.terminationDate && ![a, b, c].includes(p));
    if (!left) throw new Error('no leaver');
    company.rehire(left.id, '2026-06-01');
    const records = byId(await list(emu, employeesPath(emu)));
    const termination = (id: string) =>
      (records.get(id)?.['terminations'] as GustoRecord[] | undefined)?.[0];
    expect(records.get(a.id)).toMatchObject({ terminated: true });
    expect(termination(a.id)).toMatchObject({ effective_date: '2026-06-14', active: true });
    expect(records.get(b.id)).toMatchObject({ terminated: false });
    expect(termination(b.id)).toMatchObject({ effective_date: TODAY, active: false });
    expect(records.get(c.id)).toMatchObject({ terminated: false });
    expect(records.get(left.id)).toMatchObject({
      terminated: false,
      jobs: [{ hire_date: '2026-06-01' }],
    });
  });

  it('filters with terminated=false|true', async () => {
    await start({ company: { size: 80, today: TODAY, terminatedShare: 0.3 } });
    const staying = await list(emu, employeesPath(emu, '?terminated=false'));
    const leaving = await list(emu, employeesPath(emu, '?terminated=true'));
    expect(staying.length + leaving.length).toBe(80);
    expect(leaving.length).toBeGreaterThan(0);
  });

  it('lists departments with their members and locations as addresses', async () => {
    await start();
    const departments = await list(emu, `/v1/companies/${emu.companyUuid}/departments`);
    const engineering = departments.find((d) => d['title'] === 'Engineering');
    const members = emu.company.all().filter((p) => p.department === 'Engineering');
    expect((engineering?.['employees'] as unknown[]).length).toBe(members.length);
    const locations = await list(emu, `/v1/companies/${emu.companyUuid}/locations?page=1&per=100`);
    expect(locations[0]).toMatchObject({ city: 'New York', state: 'NY', country: 'USA' });
    expect(locations.map((l) => l['city'])).not.toContain(null);
  });

  it('builds the same company and ids from the same seed', async () => {
    await start();
    const first = { company: emu.companyUuid, people: emu.company.all().map((p) => p.id) };
    await emu.close();
    await start();
    expect({ company: emu.companyUuid, people: emu.company.all().map((p) => p.id) }).toEqual(first);
  });
});
