import { describe, expect, it } from 'vitest';
import { GeneratedCompany, seededUuid } from './company.ts';

const make = (options = {}) =>
  new GeneratedCompany({ today: '2026-06-15', size: 2_000, ...options }, (i) => `E${i}`);

describe('GeneratedCompany', () => {
  it('is the same company for the same seed, and another for another seed', () => {
    expect(JSON.stringify(make().all())).toBe(JSON.stringify(make().all()));
    expect(JSON.stringify(make({ seed: 2 }).all())).not.toBe(JSON.stringify(make().all()));
  });

  it('has every lifecycle in about the asked-for shares, and dates that fit them', () => {
    const company = make();
    const count = (l: string) => company.all().filter((p) => p.lifecycle === l).length;
    expect(count('terminated')).toBeGreaterThan(150);
    expect(count('terminated')).toBeLessThan(250);
    expect(count('leave')).toBeGreaterThan(40);
    expect(count('future')).toBeGreaterThan(30);
    expect(count('rehired')).toBeGreaterThan(5);
    for (const p of company.all()) {
      if (p.lifecycle === 'future') expect(p.startDate > company.today).toBe(true);
      if (p.lifecycle === 'terminated' && p.terminationDate !== null)
        expect(p.terminationDate <= company.today).toBe(true);
      if (p.lifecycle === 'rehired') expect(p.startDate > (p.terminationDate ?? '')).toBe(true);
    }
    const undated = company.all().filter((p) => p.lifecycle === 'terminated' && !p.terminationDate);
    expect(undated.length).toBeGreaterThan(0);
  });

  it('builds a manager tree rooted at the CEO, with managers who left', () => {
    const company = make();
    const [ceo, ...rest] = company.all();
    expect(ceo?.managerId).toBeNull();
    for (const p of rest) {
      expect(p.managerId).not.toBeNull();
      expect(company.get(p.managerId ?? '')).toBeDefined();
    }
    const leaverManagers = rest.filter((p) => company.manager(p)?.lifecycle === 'terminated');
    expect(leaverManagers.length).toBeGreaterThan(0);
  });

  it('has missing and duplicate emails, and unicode names', () => {
    const people = make({ duplicateEmailShare: 0.02 }).all();
    expect(people.some((p) => p.email === null)).toBe(true);
    const emails = people.flatMap((p) => (p.email ? [p.email.toLowerCase()] : []));
    expect(new Set(emails).size).toBeLessThan(emails.length);
    expect(people.some((p) => /[^ -~]/.test(p.firstName + p.lastName))).toBe(true);
  });

  it('applies mutations and bumps the version', () => {
    const company = make({ size: 50 });
    const someone = company.all().find((p) => p.lifecycle === 'active' && p.index > 10);
    if (!someone) throw new Error('no active person');
    const v = company.version;
    company.terminate(someone.id);
    expect(company.get(someone.id)?.lifecycle).toBe('terminated');
    expect(company.get(someone.id)?.terminationDate).toBe('2026-06-15');
    company.rehire(someone.id, '2026-07-01');
    expect(company.get(someone.id)?.lifecycle).toBe('future');
    const hired = company.hire({ firstName: 'Zoë' });
    expect(hired.firstName).toBe('Zoë');
    expect(company.get(hired.id)?.managerId).not.toBeNull();
    expect(company.remove(hired.id)).toBe(true);
    company.clear();
    expect(company.size).toBe(0);
    expect(company.version).toBe(v + 5);
  });

  it('rejects shares out of range', () => {
    expect(() => make({ terminatedShare: 1.2 })).toThrow(/between 0 and 1/);
    expect(() => make({ size: 0 })).toThrow(/size/);
  });
});

describe('seededUuid', () => {
  it('looks like a v4 UUID', () => {
    const company = new GeneratedCompany({ size: 3, today: '2026-01-01' }, (_i, rng) =>
      seededUuid(rng),
    );
    for (const p of company.all())
      expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
