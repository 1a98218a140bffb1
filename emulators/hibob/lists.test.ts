import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { startHiBobEmulator, type HiBobEmulator } from './server.ts';
import { getJson, search } from './test-helpers.ts';

const startEmulator = closedAfterEach(startHiBobEmulator);
let emu: HiBobEmulator;

interface NamedList {
  name: string;
  items: { id: number; name: string; archived: boolean; children: unknown[] }[];
}

describe('company metadata endpoints', () => {
  it('lists every named list, and one by name, with the ids list fields answer', async () => {
    emu = await startEmulator({
      company: { size: 80, today: '2026-06-15' },
      faults: { listValuesAsIds: true },
    });
    const all = (await (await getJson(emu, '/v1/company/named-lists')).json()) as Record<
      string,
      NamedList
    >;
    expect(Object.keys(all).sort()).toEqual([
      'department',
      'payrollEmploymentType',
      'site',
      'title',
    ]);
    const res = await getJson(emu, '/v1/company/named-lists/department');
    const department = (await res.json()) as NamedList;
    expect(department).toEqual(all['department']);
    expect(department.items.some((i) => i.archived)).toBe(true);
    const [first] = await search(emu, { fields: ['work.department', 'work.siteId'] });
    const departmentId = Number((first?.['work'] as { department: string }).department);
    expect(department.items.map((i) => i.id)).toContain(departmentId);
    const siteId = (first?.['work'] as { siteId: number }).siteId;
    expect(all['site']?.items.map((i) => i.id)).toContain(siteId);
    expect((await getJson(emu, '/v1/company/named-lists/nope')).status).toBe(404);
  });

  it('describes the people fields, sensitive ones included', async () => {
    emu = await startEmulator({ company: { size: 5 } });
    const fields = (await (await getJson(emu, '/v1/company/people/fields')).json()) as {
      id: string;
      category: string;
      jsonPath: string;
      type: string;
      typeData?: { listId: string };
    }[];
    expect(fields.find((f) => f.id === 'work.department')).toMatchObject({
      category: 'work',
      jsonPath: '$.work.department',
      type: 'list',
      typeData: { listId: 'department' },
    });
    expect(fields.find((f) => f.id === 'root.email')).toMatchObject({ jsonPath: '$.email' });
    expect(fields.map((f) => f.id)).toContain('payroll.salary.yearlyPayment');
  });
});
