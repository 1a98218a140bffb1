import type { ServerResponse } from 'node:http';
import type { Person } from '../shared/company.ts';
import { sensitiveValue } from '../shared/company.ts';
import { BodyWriter } from '../shared/http.ts';
import {
  countryOf,
  fullName,
  locationIdOf,
  supervisoryOrgId,
  workerTypeOf,
  type CompanyView,
} from './people.ts';

/**
 * The emulator's RaaS report (NOTES §2, §4; aliases as in `raas-report.workers.CONSTRUCTED.json`).
 * Its author was careless on purpose: the report also holds sensitive columns, which the
 * connector must never read. Their values are `sensitiveValue(column, WID)`.
 */
export const RAAS_SENSITIVE_COLUMNS = [
  'dateOfBirth',
  'nationalID',
  'homeAddress',
  'personalEmail',
  'gender',
  'basePay',
] as const;

/** `Report_Entry` row for one worker, in the alias style of the real-world sample (RAAS-EX). */
export function raasRow(view: CompanyView, person: Person): Record<string, string | null> {
  const manager = view.company.manager(person);
  const type = workerTypeOf(person.employmentKind);
  const country = countryOf(person);
  const head = person.department === null ? undefined : view.heads.get(person.department);
  const row: Record<string, string | null> = {
    workdayID: person.id,
    // RaaS "Employee ID" is blank for contingent workers; this report uses the worker's ID.
    employeeID: person.employeeNumber,
    firstName: person.firstName,
    lastName: person.lastName,
    preferredFirstName: person.firstName,
    primaryWorkEmail: person.email,
    businessTitle: person.title,
    employeeType: type?.descriptor ?? null,
    supervisoryOrganization:
      person.department === null
        ? null
        : head
          ? `${person.department} (${head})`
          : person.department,
    supervisoryOrganizationName: person.department,
    supervisoryOrganizationID:
      person.department === null ? null : supervisoryOrgId(person.department),
    location: person.location,
    locationID: locationIdOf(person),
    workAddressCountry: country?.name ?? null,
    managerWorkdayID: manager?.id ?? null,
    managerName: manager ? fullName(manager) : null,
    managerEmail: manager?.email ?? null,
    active: person.lifecycle === 'terminated' || person.lifecycle === 'future' ? '0' : '1',
    terminated: person.lifecycle === 'terminated' ? '1' : '0',
    hireDate: person.startDate,
    terminationDate: person.terminationDate,
  };
  for (const column of RAAS_SENSITIVE_COLUMNS) row[column] = sensitiveValue(column, person.id);
  return row;
}

/** Streams `{"Report_Entry":[…]}`; `truncateAfterBytes` cuts it and drops the connection. */
export async function writeReport(
  res: ServerResponse,
  view: CompanyView,
  people: Iterable<Person>,
  truncateAfterBytes: number | undefined,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  const out = new BodyWriter(res, truncateAfterBytes);
  await out.write('{"Report_Entry":[');
  let first = true;
  for (const person of people) {
    const row = JSON.stringify(raasRow(view, person));
    if (!(await out.write(first ? row : `,${row}`))) return;
    first = false;
  }
  await out.write(']}');
  await out.end();
}
