import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBambooHrEmulator, type BambooHrEmulator } from './server.ts';
import { postDataset, type DatasetBody } from './test-helpers.ts';

const TODAY = '2026-06-15';
let emu: BambooHrEmulator;
beforeAll(async () => {
  emu = await startBambooHrEmulator({ company: { size: 1234, seed: 5, today: TODAY } });
});
afterAll(async () => {
  await emu.close();
});

async function page(body: unknown): Promise<DatasetBody> {
  const res = await postDataset(emu, body);
  expect(res.status).toBe(200);
  return (await res.json()) as DatasetBody;
}

describe('POST /api/v2/datasets/employee/data', () => {
  it('pages to the end with correct meta, v2 field names and every status', async () => {
    const fields = ['eeid', 'employeeNumber', 'email', 'jobInformationDepartment', 'status'];
    const seen: string[] = [];
    let body: DatasetBody;
    let n = 1;
    do {
      body = await page({ fields, page: n, pageSize: 500 });
      expect(body.meta).toEqual({ page: n, pageSize: 500, totalPages: 3, totalItems: 1234 });
      for (const row of body.data) {
        expect(Object.keys(row.fields)).toEqual(fields);
        seen.push(row.fields['eeid'] as string);
      }
      n += 1;
    } while (n <= body.meta.totalPages);
    expect(seen).toEqual(emu.company.all().map((e) => e.id));
    expect(body.data).toHaveLength(234);
    expect(body.links).toEqual({
      prev: expect.stringContaining('/api/v2/datasets/employee/data?page=2') as unknown,
    });
    const statuses = new Set(emu.company.all().map((e) => e.status));
    expect(statuses).toEqual(new Set(['Active', 'Inactive']));
  });

  it('defaults to page 1 of 100 and sends links [] when there is a single page', async () => {
    const first = await page({ fields: ['eeid'] });
    expect(first.meta).toEqual({ page: 1, pageSize: 100, totalPages: 13, totalItems: 1234 });
    expect(first.links).toEqual({ next: expect.stringContaining('page=2') as unknown });
    const whole = await page({ fields: ['eeid'], pageSize: 1000, filter: "status eq 'Inactive'" });
    expect(whole.meta.totalPages).toBe(1);
    expect(whole.links).toEqual([]);
    const beyond = await page({ fields: ['eeid'], page: 99 });
    expect(beyond.data).toEqual([]);
    expect(beyond.meta.totalItems).toBe(1234);
  });

  it("filters server-side: status eq 'Active', and/or/in, comparisons", async () => {
    const active = emu.company.all().filter((e) => e.status === 'Active');
    const body = await page({
      fields: ['eeid', 'status'],
      filter: "status eq 'Active'",
      pageSize: 1000,
    });
    expect(body.meta.totalItems).toBe(active.length);
    expect(body.data.every((r) => r.fields['status'] === 'Active')).toBe(true);
    const mixed = await page({
      fields: ['eeid', 'jobInformationDepartment', 'hireDate'],
      filter:
        "jobInformationDepartment in ('Sales', 'Legal') and (hireDate gt '2026-01-01' or status ne 'Active')",
      pageSize: 1000,
    });
    const expected = emu.company
      .all()
      .filter(
        (e) =>
          (e.department === 'Sales' || e.department === 'Legal') &&
          ((e.hireDate ?? '') > '2026-01-01' || e.status !== 'Active'),
      );
    expect(mixed.data.map((r) => r.fields['eeid'])).toEqual(expected.map((e) => e.id));
  });

  it('orders by a field', async () => {
    const body = await page({
      fields: ['eeid', 'lastName'],
      orderBy: 'lastName desc',
      pageSize: 50,
    });
    const names = body.data.map((r) => r.fields['lastName'] ?? '');
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
  });

  it('rejects bad requests with RFC 7807 problem details', async () => {
    const cases: [unknown, string][] = [
      [{ fields: ['eeid'], pageSize: 1001 }, 'pageSize'],
      [{ fields: ['eeid'], page: 0 }, 'page'],
      [{ fields: [] }, 'fields'],
      [{ fields: ['eeid', 'workEmail'] }, 'workEmail'],
      [{ fields: ['eeid'], filter: "status eq 'Active' and" }, 'filter'],
      [{ fields: ['eeid'], filter: "nope eq 'x'" }, 'filter'],
    ];
    for (const [body, field] of cases) {
      const res = await postDataset(emu, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await res.json()) as { status: number; fields: Record<string, string> };
      expect(problem.status).toBe(422);
      expect(Object.keys(problem.fields)).toContain(field);
    }
    const notJson = await postDataset(emu, {}, { 'content-type': 'text/plain' });
    expect(notJson.status).toBe(415);
  });

  it('records request bodies and follows company mutations', async () => {
    const body = { fields: ['eeid', 'status'], filter: "status eq 'Active'", pageSize: 1000 };
    const before = (await page(body)).meta.totalItems;
    expect(emu.stats.lastRequestBodies.at(-1)).toEqual(body);
    const victim = emu.company.all().find((e) => e.status === 'Active' && e.supervisorEId);
    emu.company.terminate(victim!.id, TODAY);
    expect((await page(body)).meta.totalItems).toBe(before - 1);
  });
});
