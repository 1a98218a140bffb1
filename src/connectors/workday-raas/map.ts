import { cleanText, safeParseEmployee, type NormalizedEmployee } from '../../core/employee.ts';
import {
  parseWorkdayBoolean,
  parseWorkdayDate,
  workdayEmploymentStatus,
} from '../workday/lifecycle.ts';
import { RAAS_COLUMN_KEYS, raasCellSchema, type RaasColumnKey, type RaasColumns } from './api.ts';
import { cleanEmail } from '../values.ts';
import { isRehire } from '../lifecycle.ts';

export type RaasMapErrorCode = 'missing_id' | 'invalid_record';

export type RaasMapResult =
  | {
      ok: true;
      employee: NormalizedEmployee;
      /** The row has none of the lifecycle columns (active, terminated, termination date). */
      noLifecycle: boolean;
    }
  | { ok: false; externalId: string | null; code: RaasMapErrorCode; message: string };

export interface RaasMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
  /** Alias of each column (see `resolveColumns`). */
  columns: RaasColumns;
}

type Cells = Record<RaasColumnKey, string | null>;

/**
 * Maps one `Report_Entry` row. Pure, total and deterministic. Only the configured aliases are
 * read from the row, so any other column the report holds (a birth date someone added) is never
 * touched. Only a row without the id column's value is a record error.
 */
export function mapRaasEntry(raw: unknown, options: RaasMapOptions): RaasMapResult {
  if (parseWorkdayDate(options.today) !== options.today) {
    throw new Error(`mapRaasEntry: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      externalId: null,
      code: 'invalid_record',
      message: 'the report entry is not an object',
    };
  }
  const row = raw as Record<string, unknown>;
  const cells = {} as Cells;
  let lifecycleColumns = 0;
  for (const key of RAAS_COLUMN_KEYS) {
    const alias = options.columns[key];
    const present = Object.hasOwn(row, alias);
    if (present && (key === 'active' || key === 'terminated' || key === 'terminationDate')) {
      lifecycleColumns += 1;
    }
    cells[key] = present ? cleanText(raasCellSchema.parse(row[alias])) : null;
  }
  const externalId = cells.externalId;
  if (externalId === null) {
    return {
      ok: false,
      externalId: null,
      code: 'missing_id',
      message: `the report entry has no value in its id column "${options.columns.externalId}"`,
    };
  }
  const checked = safeParseEmployee(toEmployee(externalId, cells, options.today));
  if (!checked.success) {
    const fields = checked.error.issues.slice(0, 5).map((i) => i.path.map(String).join('.'));
    return {
      ok: false,
      externalId,
      code: 'invalid_record',
      message: `the mapped record is not valid (${fields.join(', ')})`,
    };
  }
  return { ok: true, employee: checked.data, noLifecycle: lifecycleColumns === 0 };
}

function toEmployee(externalId: string, cells: Cells, today: string): NormalizedEmployee {
  const startDate = parseWorkdayDate(cells.startDate);
  const terminationDate = parseWorkdayDate(cells.terminationDate);
  return {
    externalId,
    employeeNumber: cells.employeeNumber,
    firstName: cells.preferredFirstName ?? cells.firstName,
    lastName: cells.lastName,
    workEmail: cleanEmail(cells.workEmail),
    department: cells.department,
    departmentId: cells.departmentId,
    departmentType: null,
    jobTitle: cells.jobTitle,
    employeeType: cells.employeeType,
    location: cells.location,
    locationId: cells.locationId,
    country: cells.country,
    managerExternalId: cells.managerExternalId === externalId ? null : cells.managerExternalId,
    managerName: cells.managerExternalId === externalId ? null : cells.managerName,
    managerEmail: cells.managerExternalId === externalId ? null : cleanEmail(cells.managerEmail),
    employmentStatus: workdayEmploymentStatus({
      active: parseWorkdayBoolean(cells.active),
      terminated: parseWorkdayBoolean(cells.terminated),
      startDate,
      terminationDate,
      today,
    }),
    startDate,
    terminationDate: isRehire(startDate, terminationDate) ? null : terminationDate,
  };
}
