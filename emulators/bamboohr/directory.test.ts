import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENSITIVE_MARKER } from './fields.ts';
import { startBambooHrEmulator, type BambooHrEmulator } from './server.ts';
import { basicAuth, getJson } from './test-helpers.ts';

let emu: BambooHrEmulator;
beforeAll(async () => {
  emu = await startBambooHrEmulator({ company: { size: 300, seed: 3, today: '2026-06-15' } });
});
afterAll(async () => {
  await emu.close();
});

interface Directory {
  fields: { id: string; type: string; name: string }[];
  employees: Record<string, unknown>[];
}

describe('GET /v1/employees/directory', () => {
  it('lists Active people only, manager as a display name, nothing sensitive', async () => {
    const res = await getJson(emu, '/v1/employees/directory');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(SENSITIVE_MARKER);
    const body = JSON.parse(text) as Directory;
    const active = emu.company.all().filter((e) => e.status === 'Active');
    expect(active.length).toBeLessThan(emu.company.size);
    expect(body.employees.map((e) => e['id'])).toEqual(active.map((e) => e.id));
    expect(body.fields.map((f) => f.id)).toContain('workEmail');
    const withManager = active.find((e) => e.supervisorEId);
    const manager = emu.company.get(withManager!.supervisorEId!);
    const row = body.employees.find((e) => e['id'] === withManager!.id);
    expect(row?.['supervisor']).toBe(`${manager!.firstName} ${manager!.lastName}`);
    expect(Object.keys(row ?? {})).not.toContain('supervisorEId');
  });

  it('adds future hires with onlyCurrent=false', async () => {
    const res = await getJson(emu, '/v1/employees/directory?onlyCurrent=false');
    const body = (await res.json()) as Directory;
    const future = emu.company.all().filter((e) => emu.company.isFutureHire(e));
    expect(future.length).toBeGreaterThan(0);
    const ids = new Set(body.employees.map((e) => e['id']));
    for (const e of future) expect(ids.has(e.id)).toBe(true);
  });

  it('needs Accept: application/json (the real API defaults to XML)', async () => {
    const res = await fetch(`${emu.gatewayUrl}/v1/employees/directory`, {
      headers: { authorization: basicAuth(emu.apiKey) },
    });
    expect(res.status).toBe(406);
    expect(res.headers.get('x-bamboohr-error-message')).toMatch(/Accept/);
  });
});

describe('GET /v1/meta/lists', () => {
  it('lists departments, locations, divisions, job titles and employment statuses', async () => {
    const res = await getJson(emu, '/v1/meta/lists');
    const lists = (await res.json()) as {
      alias: string;
      fieldId: number;
      options: { id: number; archived: string; name: string; archivedDate: string | null }[];
    }[];
    expect(lists.map((l) => l.alias).sort()).toEqual(
      ['department', 'division', 'employmentHistoryStatus', 'jobTitle', 'location'].sort(),
    );
    const names = (alias: string): string[] =>
      lists.find((l) => l.alias === alias)?.options.map((o) => o.name) ?? [];
    expect(names('location')).toEqual(expect.arrayContaining(['London, UK', 'Remote Worker']));
    expect(names('employmentHistoryStatus')).toEqual(
      expect.arrayContaining(['Full-Time', 'Part-Time', 'Contractor', 'Intern', 'Terminated']),
    );
    // Every department/location/title used by a person is a list option.
    for (const e of emu.company.all()) {
      if (e.department) expect(names('department')).toContain(e.department);
      if (e.location) expect(names('location')).toContain(e.location);
      if (e.jobTitle) expect(names('jobTitle')).toContain(e.jobTitle);
    }
    const archived = lists.flatMap((l) => l.options).filter((o) => o.archived === 'yes');
    expect(archived.length).toBeGreaterThan(0);
    expect(archived.every((o) => o.archivedDate !== null)).toBe(true);
  });
});
