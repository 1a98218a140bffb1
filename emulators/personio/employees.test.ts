import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { SENSITIVE_FIELD_IDS, personioTimestamp } from './records.ts';
import { startPersonioEmulator } from './server.ts';
import { errorBody, getEmployees, page, token } from './test-helpers.ts';

const startEmulator = closedAfterEach(startPersonioEmulator);

const start = (options: Parameters<typeof startPersonioEmulator>[0] = {}) =>
  startEmulator({ company: { size: 120, today: '2026-06-15' }, ...options });

describe('Personio emulator employee list', () => {
  it('pages by offset and limit (≤ 100, default 50) with the v1 envelope', async () => {
    const e = await start();
    const first = await page(e, '');
    expect(first).toMatchObject({
      success: true,
      metadata: { total_elements: 120, current_page: 0, total_pages: 3 },
      offset: 0,
      limit: 50,
    });
    expect(first.data).toHaveLength(50);
    const last = await page(e, '?limit=100&offset=100');
    expect(last.data.map((d) => String(d.attributes['id']?.value))).toEqual(
      e.company
        .all()
        .slice(100)
        .map((p) => p.id),
    );
    expect(last.metadata).toMatchObject({ current_page: 1, total_pages: 2 });
    expect((await page(e, '?limit=100&offset=500')).data).toEqual([]);
    const tooBig = await getEmployees(e, '?limit=101', await token(e));
    expect(tooBig.status).toBe(400);
    const error = await errorBody(tooBig);
    expect(error.code).toBe(400);
    expect(error.message).toMatch(/limit/);
  });

  it('answers only id plus the attributes[] asked for, and records them', async () => {
    const e = await start();
    const { data } = await page(e, '?limit=5&attributes[]=first_name&attributes[]=status');
    for (const record of data) {
      expect(record.type).toBe('Employee');
      expect(Object.keys(record.attributes)).toEqual(['id', 'first_name', 'status']);
    }
    expect(e.stats.attributeRequests.at(-1)).toEqual(['first_name', 'status']);
  });

  it('answers everything to an unfiltered request, sensitive attributes marked', async () => {
    const e = await start();
    const { data } = await page(e, '?limit=5');
    const attributes = data[0]?.attributes ?? {};
    for (const key of SENSITIVE_FIELD_IDS.filter((k) => !k.startsWith('termination_'))) {
      expect(String(attributes[key]?.value), key).toMatch(/^SENSITIVE-/);
    }
    expect(attributes['fix_salary']).toMatchObject({ label: 'Fix salary', type: 'standard' });
  });

  it('leaves out attributes the credential may not read', async () => {
    const e = await start({ faults: { readableAttributes: ['first_name'] } });
    const { data } = await page(e, '?limit=3&attributes[]=first_name&attributes[]=email');
    expect(Object.keys(data[0]?.attributes ?? {})).toEqual(['id', 'first_name']);
  });

  it('renders status, dates, department, office and supervisor as Personio does', async () => {
    const e = await start();
    const { data } = await page(e, '?limit=100');
    const byId = new Map(data.map((d) => [String(d.attributes['id']?.value), d.attributes]));
    const status = {
      active: 'active',
      rehired: 'active',
      leave: 'leave',
      future: 'onboarding',
      terminated: 'inactive',
    };
    for (const person of e.company.all().slice(0, 100)) {
      const a = byId.get(person.id) ?? {};
      expect(a['status']?.value).toBe(status[person.lifecycle]);
      expect(a['hire_date']?.value).toBe(personioTimestamp(person.startDate));
      const manager = e.company.manager(person);
      expect(a['supervisor']?.value).toEqual(
        manager
          ? {
              type: 'Employee',
              attributes: {
                id: { label: 'ID', value: Number(manager.id), type: 'integer', universal_id: 'id' },
              },
            }
          : null,
      );
      if (person.department) {
        expect(a['department']?.value).toMatchObject({
          type: 'Department',
          attributes: { name: person.department },
        });
      }
    }
    expect(personioTimestamp('2014-11-09')).toBe('2014-11-08T23:00:00.000Z');
    expect(personioTimestamp('2019-07-01')).toBe('2019-06-30T22:00:00.000Z');
    expect(personioTimestamp('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(personioTimestamp('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
  });

  it('adds the supervisor name and email when asked to', async () => {
    const e = await start({ faults: { supervisorDetails: true } });
    const { data } = await page(e, '?limit=2&attributes[]=supervisor');
    const supervisor = data[1]?.attributes['supervisor']?.value as {
      attributes: Record<string, unknown>;
    };
    expect(Object.keys(supervisor.attributes)).toEqual(['id', 'first_name', 'last_name', 'email']);
  });
});
