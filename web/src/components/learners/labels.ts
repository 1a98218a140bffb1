import type { LearnerDto } from '../../../../src/contracts/learners.ts';

/** The person fields in the order the learner page shows them, with their labels. */
export const PROFILE_FIELDS = [
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['workEmail', 'Work email'],
  ['employeeNumber', 'Employee number'],
  ['department', 'Department'],
  ['departmentId', 'Department ID'],
  ['departmentType', 'Department type'],
  ['jobTitle', 'Job title'],
  ['employeeType', 'Employee type'],
  ['location', 'Location'],
  ['locationId', 'Location ID'],
  ['country', 'Country'],
  ['managerName', 'Manager name'],
  ['managerEmail', 'Manager email'],
  ['managerExternalId', 'Manager ID'],
  ['employmentStatus', 'Employment status'],
  ['startDate', 'Start date'],
  ['terminationDate', 'Termination date'],
] as const satisfies readonly (readonly [keyof LearnerDto, string])[];

const FIELD_LABELS: Record<string, string> = Object.fromEntries(PROFILE_FIELDS);

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

export const SOURCE_LABELS: Record<LearnerDto['source'], string> = {
  hris: 'HRIS',
  csv: 'CSV',
  manual: 'Manual',
};

/** A learner's name as people read it; the email when the HRIS sent no name. */
export function displayName(learner: Pick<LearnerDto, 'firstName' | 'lastName' | 'workEmail'>) {
  const name = [learner.firstName, learner.lastName].filter(Boolean).join(' ');
  return name || learner.workEmail || 'Unnamed learner';
}

const REASONS: Record<string, string> = {
  terminated: 'Terminated in the HRIS',
  already_terminated: 'Already terminated when first synced',
  missing: 'No longer listed by the HRIS',
  filtered_out: 'Excluded by the employee filters',
  deactivated_by_admin: 'Deactivated by an admin',
  learner_deactivated: 'Ended by the deactivation',
  ended_by_admin: 'Ended by an admin',
  rehired: 'Rehired',
};

/** A stored reason code (or an admin's own words) as a sentence. */
export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return 'No reason recorded';
  const known = REASONS[reason];
  if (known) return known;
  const words = reason.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00` : isoDate);
  return date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** The reason of an UNKNOWN_TO_HRIS refusal (its `details.reason`), or null when it has none. */
export function unknownToHrisReason(details: unknown): string | null {
  const reason = (details as { reason?: unknown } | null | undefined)?.reason;
  return typeof reason === 'string' && reason !== '' ? reason : null;
}
