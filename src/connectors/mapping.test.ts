import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NormalizedEmployee } from '../core/employee.ts';
import { mapVendorRecord, recordErrorItem, type VendorRecordSpec } from './mapping.ts';
import { rawRecordId } from './values.ts';

const personSchema = z.object({ id: z.string().nullish(), email: z.string().nullish() });
type Person = z.infer<typeof personSchema>;

const spec: VendorRecordSpec<Person> = {
  schema: personSchema,
  noun: 'person',
  shape: 'documented',
  rawId: (raw) => rawRecordId(raw),
  id: (person) => person.id,
};

function employee(externalId: string, workEmail: string | null = null): NormalizedEmployee {
  return {
    externalId,
    employeeNumber: null,
    firstName: 'Ada',
    lastName: null,
    workEmail,
    department: null,
    departmentId: null,
    departmentType: null,
    jobTitle: null,
    employeeType: null,
    location: null,
    locationId: null,
    country: null,
    managerExternalId: null,
    managerName: null,
    managerEmail: null,
    employmentStatus: 'active',
    startDate: null,
    terminationDate: null,
  };
}

const build = (externalId: string, person: Person) => ({
  employee: employee(externalId, person.email ?? null),
});

describe('mapVendorRecord', () => {
  it('builds the employee from the trimmed id and the parsed record', () => {
    expect(mapVendorRecord({ id: ' p-1 ', email: 'ada@example.com' }, spec, build)).toEqual({
      ok: true,
      employee: employee('p-1', 'ada@example.com'),
    });
  });

  it('carries the extras build returns alongside the employee', () => {
    const result = mapVendorRecord({ id: 'p-1' }, spec, (externalId) => ({
      employee: employee(externalId),
      statusHidden: true,
    }));
    expect(result).toEqual({ ok: true, employee: employee('p-1'), statusHidden: true });
  });

  it('names the field paths of a record that does not fit the schema, never its values', () => {
    const result = mapVendorRecord({ id: 'p-2', email: 42 }, spec, build);
    expect(result).toEqual({
      ok: false,
      externalId: 'p-2',
      code: 'invalid_record',
      message: 'the person does not have the documented shape (email: invalid_type)',
    });
    expect(mapVendorRecord('p-3', spec, build)).toMatchObject({
      externalId: null,
      message: 'the person does not have the documented shape ((person): invalid_type)',
    });
  });

  it('is missing_id when the id is blank, with the id label', () => {
    expect(mapVendorRecord({ id: '  ' }, spec, build)).toEqual({
      ok: false,
      externalId: null,
      code: 'missing_id',
      message: 'the person has no id',
    });
    expect(mapVendorRecord({}, { ...spec, idLabel: 'uuid' }, build)).toMatchObject({
      code: 'missing_id',
      message: 'the person has no uuid',
    });
  });

  it('refuses a built employee the normalized schema refuses, naming the field', () => {
    const result = mapVendorRecord({ id: 'p-4' }, spec, (externalId) => ({
      employee: { ...employee(externalId), startDate: 'sometime' },
    }));
    expect(result).toMatchObject({ ok: false, externalId: 'p-4', code: 'invalid_record' });
    expect(result.ok ? '' : result.message).toMatch(
      /^the mapped record is not valid \(startDate: /,
    );
    expect(result.ok ? '' : result.message).not.toContain('sometime');
  });
});

describe('recordErrorItem', () => {
  it('reports only the id, code and message of a failed record', () => {
    const failure = { ok: false as const, externalId: '7', code: 'invalid_record', message: 'bad' };
    expect(recordErrorItem({ ...failure, raw: 'SENSITIVE-x' } as typeof failure)).toEqual({
      kind: 'record_error',
      externalId: '7',
      code: 'invalid_record',
      message: 'bad',
    });
  });
});
