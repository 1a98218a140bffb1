import {
  cleanText,
  isPlausibleEmail,
  normalizeEmail,
  safeParseEmployee,
  type NormalizedEmployee,
} from '../../core/employee.ts';
import { rawWorkerSchema, type RawWorker } from './api.ts';
import { parseWorkdayBoolean, parseWorkdayDate, workdayEmploymentStatus } from './lifecycle.ts';
import { isRehire } from '../lifecycle.ts';

/** Per-record mapping failures; the record still counts as present (DESIGN "Plan"). */
export type WorkdayMapErrorCode = 'missing_id' | 'invalid_record';

export type WorkdayMapResult =
  | { ok: true; employee: NormalizedEmployee }
  | { ok: false; externalId: string | null; code: WorkdayMapErrorCode; message: string };

export interface WorkdayMapOptions {
  /** Today (YYYY-MM-DD) in the tenant's time zone. */
  today: string;
}

/** The organization type Rollcall reads as the department (NOTES §5: no "department" in Workday). */
export const DEPARTMENT_ORGANIZATION_TYPE = 'SUPERVISORY';

/**
 * Maps one worker, as the XML reader keeps it, to a NormalizedEmployee. Pure, total and
 * deterministic: unknown is `null`, nothing depends on the clock but `options.today`. Only a
 * worker without a WID is a record error.
 */
export function mapWorkdayWorker(raw: unknown, options: WorkdayMapOptions): WorkdayMapResult {
  if (parseWorkdayDate(options.today) !== options.today) {
    throw new Error(`mapWorkdayWorker: today must be YYYY-MM-DD, got ${String(options.today)}`);
  }
  const parsed = rawWorkerSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      externalId: null,
      code: 'invalid_record',
      message: 'the worker does not have the Get_Workers shape',
    };
  }
  const worker = parsed.data;
  const externalId = cleanText(worker.wid);
  if (externalId === null) {
    return {
      ok: false,
      externalId: null,
      code: 'missing_id',
      message: "the worker has no Worker_Reference ID of type 'WID'",
    };
  }
  const checked = safeParseEmployee(toEmployee(externalId, worker, options.today));
  if (!checked.success) {
    const fields = checked.error.issues.slice(0, 5).map((i) => i.path.map(String).join('.'));
    return {
      ok: false,
      externalId,
      code: 'invalid_record',
      message: `the mapped record is not valid (${fields.join(', ')})`,
    };
  }
  return { ok: true, employee: checked.data };
}

function toEmployee(externalId: string, worker: RawWorker, today: string): NormalizedEmployee {
  const job = worker.jobs.find((j) => j.primary) ?? worker.jobs[0];
  const department = worker.organizations.find(
    (o) => cleanText(o.type)?.toUpperCase() === DEPARTMENT_ORGANIZATION_TYPE,
  );
  const manager = managerOf(worker, externalId);
  const startDate = parseWorkdayDate(worker.status.hireDate);
  const terminationDate = parseWorkdayDate(worker.status.terminationDate);
  const country = cleanText(job?.countryCode);
  return {
    externalId,
    employeeNumber:
      cleanText(worker.employeeId) ??
      cleanText(worker.contingentWorkerId) ??
      cleanText(worker.workerId),
    // The preferred name is what colleagues know; the legal name fills what it leaves out.
    firstName: cleanText(worker.preferredFirstName) ?? cleanText(worker.legalFirstName),
    lastName: cleanText(worker.preferredLastName) ?? cleanText(worker.legalLastName),
    workEmail: workEmailOf(worker.workEmails),
    department: cleanText(department?.name),
    departmentId: cleanText(department?.referenceId),
    departmentType: department ? DEPARTMENT_ORGANIZATION_TYPE : null,
    jobTitle:
      cleanText(job?.businessTitle) ??
      cleanText(job?.positionTitle) ??
      cleanText(job?.jobProfileName),
    employeeType: cleanText(job?.workerType),
    location: cleanText(job?.locationName),
    locationId: cleanText(job?.locationId),
    country: country === null ? null : country.toUpperCase(),
    managerExternalId: manager?.wid ?? null,
    managerName: manager?.name ?? null,
    // Get_Workers gives the manager's reference only; Rollcall resolves the rest by WID.
    managerEmail: null,
    employmentStatus: workdayEmploymentStatus({
      active: parseWorkdayBoolean(worker.status.active),
      terminated: parseWorkdayBoolean(worker.status.terminated),
      startDate,
      terminationDate,
      today,
    }),
    startDate,
    // After a rehire the old termination is history, not a date of the current employment.
    terminationDate: isRehire(startDate, terminationDate) ? null : terminationDate,
  };
}

/** Public and primary first, then primary, then public, then any WORK address. */
function workEmailOf(emails: RawWorker['workEmails']): string | null {
  const rank = (e: RawWorker['workEmails'][number]): number =>
    (e.primary ? 0 : 2) + (e.public ? 0 : 1);
  const sorted = [...emails].sort((a, b) => rank(a) - rank(b));
  for (const email of sorted) {
    const address = normalizeEmail(email.address);
    if (address !== null && isPlausibleEmail(address)) return address;
  }
  return null;
}

/**
 * The worker's manager (NOTES §5, MS-ATTR): the last link of the first supervisory chain. A
 * manager of their own supervisory organization ends that chain with themselves, so links naming
 * the worker are skipped and the next one up is the manager.
 */
function managerOf(
  worker: RawWorker,
  self: string,
): { wid: string; name: string | null } | undefined {
  const chain = worker.managementChains[0] ?? [];
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const wid = cleanText(chain[i]?.wid);
    if (wid !== null && wid !== self) return { wid, name: cleanText(chain[i]?.name) };
  }
  return undefined;
}
