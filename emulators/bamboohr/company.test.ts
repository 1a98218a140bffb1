import { describe, expect, it } from 'vitest';
import { Company } from './company.ts';
import type { Employee } from './employee.ts';

const TODAY = '2026-06-15';
const share = (people: Employee[], f: (e: Employee) => boolean): number =>
  people.filter(f).length / people.length;

describe('generated company', () => {
  const company = new Company({
    size: 20_000,
    seed: 42,
    today: TODAY,
    terminatedShare: 0.12,
    futureHireShare: 0.04,
    rehireShare: 0.02,
    missingEmailShare: 0.05,
    duplicateEmailShare: 0.01,
    emptyStringShare: 0.5,
  });
  const people = company.all();
  const terminated = people.filter((e) => e.employmentHistoryStatus === 'Terminated');
  const future = people.filter((e) => company.isFutureHire(e));
  const rehired = people.filter(
    (e) => e.status === 'Active' && !!e.terminationDate && e.terminationDate < (e.hireDate ?? ''),
  );

  it('has the asked-for shares, roughly', () => {
    expect(people).toHaveLength(20_000);
    expect(terminated.length / 20_000).toBeCloseTo(0.12, 1);
    expect(future.length / 20_000).toBeCloseTo(0.04, 1);
    expect(rehired.length / 20_000).toBeCloseTo(0.02, 1);
    expect(share(people, (e) => !e.workEmail)).toBeCloseTo(0.05, 1);
    const emails = people.flatMap((e) => (e.workEmail ? [e.workEmail] : []));
    const duplicates = emails.length - new Set(emails).size;
    expect(duplicates / 20_000).toBeGreaterThan(0.005);
    expect(duplicates / 20_000).toBeLessThan(0.02);
  });

  it('keeps statuses and dates consistent', () => {
    const bad = [
      ...terminated.filter(
        (e) =>
          e.status !== 'Inactive' ||
          !(e.terminationDate! <= TODAY) ||
          !(e.hireDate! <= e.terminationDate!),
      ),
      ...future.filter((e) => e.employmentHistoryStatus === 'Terminated'),
      ...rehired.filter((e) => !(e.originalHireDate! < e.terminationDate!)),
      ...people.filter((e) => e.status === 'Active' && !(e.hireDate! <= TODAY)),
    ];
    expect(bad).toEqual([]);
    expect(people.filter((e) => e.status === 'Inactive')).toHaveLength(
      terminated.length + future.length,
    );
  });

  it('builds a manager tree: one CEO, valid references, no cycles, some managers gone', () => {
    const byId = new Map(people.map((e) => [e.id, e]));
    const roots = people.filter((e) => !e.supervisorEId);
    expect(roots.map((e) => e.jobTitle)).toEqual(['Chief Executive Officer']);
    let maxDepth = 0;
    const broken: string[] = [];
    for (const e of people) {
      let depth = 0;
      for (let m: Employee | undefined = e; m?.supervisorEId; depth += 1) {
        m = byId.get(m.supervisorEId);
        if (!m || depth > 50) {
          broken.push(e.id);
          break;
        }
      }
      maxDepth = Math.max(maxDepth, depth);
    }
    expect(broken).toEqual([]);
    expect(maxDepth).toBeGreaterThanOrEqual(4);
    const managerIds = new Set(people.map((e) => e.supervisorEId));
    expect(terminated.some((e) => managerIds.has(e.id))).toBe(true);
    expect(future.some((e) => managerIds.has(e.id))).toBe(false);
    // Ids and employee numbers never coincide for the same person.
    expect(people.filter((e) => e.id === e.employeeNumber)).toHaveLength(0);
  });

  it('has unicode names, name-derived ASCII emails and both "" and null for unknowns', () => {
    const names = people.map((e) => `${e.firstName} ${e.lastName}`).join('|');
    for (const fragment of ['Zoë', 'Søren', 'José', 'Łukasz', '李', 'Ngozi']) {
      expect(names).toContain(fragment);
    }
    const zoe = people.find((e) => e.firstName === 'Zoë' && e.workEmail?.startsWith('zoe.'));
    expect(zoe?.workEmail).toMatch(/^zoe\.[a-z]+\d*@acme\.example$/);
    expect(people.every((e) => !e.workEmail || /^[\x20-\x7e]+$/.test(e.workEmail))).toBe(true);
    expect(people.some((e) => e.preferredName === '')).toBe(true);
    expect(people.some((e) => e.preferredName === null)).toBe(true);
    expect(people.some((e) => e.workEmail === '')).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = new Company({ size: 500, seed: 9, today: TODAY }).all();
    const b = new Company({ size: 500, seed: 9, today: TODAY }).all();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('rejects out-of-range options', () => {
    expect(() => new Company({ size: 200_001 })).toThrow(RangeError);
    expect(() => new Company({ terminatedShare: 1.5 })).toThrow(RangeError);
    expect(() => new Company({ today: '2026-02-30' })).toThrow(/YYYY-MM-DD/);
  });

  it('generates 200k people quickly', () => {
    const t0 = performance.now();
    const big = new Company({ size: 200_000, seed: 1, today: TODAY });
    const ms = performance.now() - t0;
    expect(big.size).toBe(200_000);
    // A few seconds on a 2-core CI machine, with headroom for a loaded one.
    expect(ms).toBeLessThan(15_000);
  });
});

describe('company mutations', () => {
  const company = new Company({ size: 50, seed: 2, today: TODAY });

  it('terminates, rehires, updates, hires and removes', () => {
    const target = company.all().find((e) => e.status === 'Active' && e.supervisorEId)!;
    const version = company.version;
    company.terminate(target.id, '2026-06-01');
    expect(company.get(target.id)).toMatchObject({
      status: 'Inactive',
      employmentHistoryStatus: 'Terminated',
      terminationDate: '2026-06-01',
    });
    expect(company.isTerminated(target)).toBe(true);
    expect(company.version).toBeGreaterThan(version);

    company.rehire(Number(target.id), '2026-06-10');
    expect(company.get(target.id)).toMatchObject({
      status: 'Active',
      employmentHistoryStatus: 'Full-Time',
      hireDate: '2026-06-10',
      terminationDate: '2026-06-01',
    });

    company.update(target.id, { department: 'Sales', workEmail: null });
    expect(company.get(target.id)).toMatchObject({ department: 'Sales', workEmail: null });

    const hired = company.hire({ firstName: 'Zoë', lastName: 'Ünal', hireDate: '2026-07-01' });
    expect(Number(hired.id)).toBeGreaterThan(
      Math.max(
        ...company
          .all()
          .slice(0, -1)
          .map((e) => Number(e.id)),
      ),
    );
    expect(hired).toMatchObject({ firstName: 'Zoë', status: 'Inactive', hireDate: '2026-07-01' });
    expect(company.isFutureHire(hired)).toBe(true);
    expect(company.get(hired.supervisorEId!)).toBeDefined();
    expect(company.all().at(-1)).toBe(hired);

    const scheduled = company.all().find((e) => e.status === 'Active' && e.id !== target.id)!;
    company.terminate(scheduled.id, '2026-12-31');
    expect(company.get(scheduled.id)).toMatchObject({
      status: 'Active',
      terminationDate: '2026-12-31',
    });

    expect(company.remove(target.id)).toBe(true);
    expect(company.get(target.id)).toBeUndefined();
    expect(company.remove(target.id)).toBe(false);
    expect(() => company.update('999999', {})).toThrow(/No employee/);
  });
});
