import { describe, expect, it } from 'vitest';
import { Company, resolveCompanyOptions } from './company.ts';
import type { Employee } from './employee.ts';

const TODAY = '2026-06-15';

describe('generated company', () => {
  const company = new Company({
    size: 20_000,
    seed: 42,
    today: TODAY,
    terminatedShare: 0.12,
    leaveShare: 0.08,
    futureHireShare: 0.04,
    rehireShare: 0.02,
    missingEmailShare: 0.05,
    duplicateEmailShare: 0.01,
  });
  const people = company.all();
  const share = (f: (e: Employee) => boolean): number => people.filter(f).length / people.length;
  const rehired = (e: Employee): boolean =>
    e.lifecycleStatus === 'employed' &&
    e.terminationDate !== null &&
    e.terminationDate < (e.startDate ?? '');

  it('has the asked-for shares, roughly', () => {
    expect(people).toHaveLength(20_000);
    expect(share((e) => company.isTerminated(e))).toBeCloseTo(0.12, 1);
    expect(share((e) => company.isOnLeave(e))).toBeCloseTo(0.08, 1);
    expect(share((e) => company.isFutureHire(e))).toBeCloseTo(0.04, 1);
    expect(share(rehired)).toBeCloseTo(0.02, 1);
    expect(share((e) => !e.email)).toBeCloseTo(0.05, 1);
    const emails = people.flatMap((e) => (e.email ? [e.email] : []));
    const duplicates = (emails.length - new Set(emails).size) / people.length;
    expect(duplicates).toBeGreaterThan(0.005);
    expect(duplicates).toBeLessThan(0.02);
  });

  it('keeps statuses and dates consistent', () => {
    const bad = people.filter((e) => {
      if (company.isTerminated(e)) {
        return e.status !== 'Inactive' || (e.terminationDate !== null && e.terminationDate > TODAY);
      }
      if (company.isOnLeave(e)) return e.status !== 'Inactive' || e.terminationDate !== null;
      if (company.isFutureHire(e)) return e.status !== 'Active' || e.lifecycleStatus !== 'hired';
      return e.status !== 'Active' || !(e.startDate! <= TODAY);
    });
    expect(bad).toEqual([]);
    // Some leavers carry only the lifecycle, no date: the explicit-status rule must catch them.
    expect(people.some((e) => company.isTerminated(e) && e.terminationDate === null)).toBe(true);
    expect(people.filter((e) => company.isInactive(e))).toHaveLength(
      people.filter((e) => company.isTerminated(e) || company.isOnLeave(e)).length,
    );
  });

  it('builds a manager tree: one root, valid references, no cycles, some managers gone', () => {
    const byId = new Map(people.map((e) => [e.id, e]));
    expect(people.filter((e) => e.managerId === null).map((e) => e.title)).toEqual([
      'Chief Executive Officer',
    ]);
    let maxDepth = 0;
    const broken: string[] = [];
    for (const e of people) {
      let depth = 0;
      for (let m: Employee | undefined = e; m?.managerId; depth += 1) {
        m = byId.get(m.managerId);
        if (!m || depth > 50) {
          broken.push(e.id);
          break;
        }
      }
      maxDepth = Math.max(maxDepth, depth);
    }
    expect(broken).toEqual([]);
    expect(maxDepth).toBeGreaterThanOrEqual(4);
    const managerIds = new Set(people.map((e) => e.managerId));
    expect(people.some((e) => company.isTerminated(e) && managerIds.has(e.id))).toBe(true);
    expect(people.some((e) => company.isOnLeave(e) && managerIds.has(e.id))).toBe(true);
    expect(people.some((e) => company.isFutureHire(e) && managerIds.has(e.id))).toBe(false);
  });

  it('uses 19-digit ids, unicode names, and some unknown values', () => {
    expect(people.every((e) => /^\d{19}$/.test(e.id))).toBe(true);
    expect(new Set(people.map((e) => e.id)).size).toBe(people.length);
    expect(people.some((e) => /[^ -~]/.test(e.firstName + e.surname))).toBe(true);
    expect(people.some((e) => e.email === '')).toBe(true);
    expect(people.some((e) => e.email === null)).toBe(true);
    expect(people.some((e) => e.department === null || e.department === '')).toBe(true);
    expect(people.some((e) => e.employmentType === null)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = new Company({ size: 500, seed: 7, today: TODAY }).all();
    const b = new Company({ size: 500, seed: 7, today: TODAY }).all();
    const c = new Company({ size: 500, seed: 8, today: TODAY }).all();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });
});

describe('a 200k company', () => {
  it('generates quickly', () => {
    const t0 = performance.now();
    const big = new Company({ size: 200_000, seed: 1, today: TODAY });
    const ms = performance.now() - t0;
    expect(big.size).toBe(200_000);
    // About 2 s on a 2-core machine, with headroom for a loaded one.
    expect(ms).toBeLessThan(15_000);
  });
});

describe('company mutations', () => {
  const fresh = () => new Company({ size: 50, seed: 3, today: TODAY });
  const employed = (c: Company) => c.all().filter((e) => e.lifecycleStatus === 'employed');

  it('terminates now or later, sends on leave and back, rehires, hires, removes', () => {
    const c = fresh();
    const [a, b, d] = employed(c);
    if (!a || !b || !d) throw new Error('too few employed people');
    const v = c.version;
    expect(c.terminate(a.id)).toMatchObject({
      status: 'Inactive',
      lifecycleStatus: 'terminated',
      terminationDate: TODAY,
    });
    expect(c.terminate(b.id, '2026-08-01')).toMatchObject({
      status: 'Active',
      lifecycleStatus: 'employed',
      terminationDate: '2026-08-01',
    });
    expect(c.startLeave(d.id)).toMatchObject({ status: 'Inactive', lifecycleStatus: 'leave' });
    expect(c.endLeave(d.id)).toMatchObject({ status: 'Active', lifecycleStatus: 'employed' });
    expect(c.rehire(a.id, '2026-07-01')).toMatchObject({
      status: 'Active',
      lifecycleStatus: 'hired',
      startDate: '2026-07-01',
      terminationDate: TODAY,
    });
    const hired = c.hire({ email: 'new.person@acme.example' });
    expect(hired.id).toMatch(/^\d{19}$/);
    expect(c.get(hired.id)).toBe(hired);
    expect(c.remove(hired.id)).toBe(true);
    expect(c.remove(hired.id)).toBe(false);
    expect(c.version).toBe(v + 7);
    expect(() => c.update('nope', {})).toThrow(/No employee/);
    expect(() => c.terminate(a.id, '2026-02-30')).toThrow();
  });
});

describe('resolveCompanyOptions', () => {
  it('checks sizes and shares', () => {
    expect(() => resolveCompanyOptions({ size: 0 })).toThrow(/size/);
    expect(() => resolveCompanyOptions({ size: 200_001 })).toThrow(/size/);
    expect(() => resolveCompanyOptions({ leaveShare: 1.5 })).toThrow(/leaveShare/);
    expect(() => resolveCompanyOptions({ terminatedShare: 0.5, leaveShare: 0.5 })).toThrow(/0.9/);
    expect(() => resolveCompanyOptions({ today: '15/06/2026' })).toThrow();
    expect(resolveCompanyOptions({ today: TODAY })).toMatchObject({ size: 250, leaveShare: 0.06 });
  });
});
