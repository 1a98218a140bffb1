import type { z } from 'zod';
import type { runSummarySchema } from '../../../../src/contracts/runs.ts';

/**
 * Plain words for the ids the API speaks in (fields, categories, reasons, triggers). The admins
 * are Learning Leaders, not engineers: the console never shows a bare enum when a phrase exists.
 */
type RunSummary = z.infer<typeof runSummarySchema>;

export const FIELD_WORDS: Readonly<Record<string, string>> = {
  externalId: 'HRIS employee id',
  employeeNumber: 'Employee number',
  firstName: 'First name',
  lastName: 'Last name',
  workEmail: 'Work email',
  department: 'Department',
  departmentId: 'Department id',
  departmentType: 'Department type',
  jobTitle: 'Job title',
  employeeType: 'Employee type',
  location: 'Location',
  locationId: 'Location id',
  country: 'Country',
  managerExternalId: "Manager's HRIS id",
  managerName: 'Manager name',
  managerEmail: 'Manager email',
  employmentStatus: 'Employment status',
  startDate: 'Start date',
  terminationDate: 'Termination date',
};

export function fieldWords(field: string): string {
  return FIELD_WORDS[field] ?? field;
}

/** Pairs read better as one phrase ("First and last name"); the rest keep their own words. */
const PHRASES: readonly { fields: readonly string[]; words: string }[] = [
  { fields: ['firstName', 'lastName'], words: 'First and last name' },
  { fields: ['managerName', 'managerEmail'], words: 'Manager name and email' },
  { fields: ['startDate', 'terminationDate'], words: 'Start and termination dates' },
];

/** "First and last name, Work email, Department, …" for a connector's provided fields. */
export function syncedFieldsSentence(fields: readonly string[]): string {
  const have = new Set(fields);
  const used = new Set<string>(['externalId', 'managerExternalId']);
  const parts: string[] = [];
  for (const field of fields) {
    if (used.has(field)) continue;
    const phrase = PHRASES.find(
      (p) => p.fields.includes(field) && p.fields.every((f) => have.has(f)),
    );
    if (phrase) {
      for (const f of phrase.fields) used.add(f);
      parts.push(phrase.words);
    } else {
      used.add(field);
      parts.push(fieldWords(field));
    }
  }
  return parts.join(', ');
}

export const NEVER_ACCESSED_WORDS: Readonly<Record<string, string>> = {
  compensation: 'Salary and compensation',
  national_ids: 'Social security and national ids',
  home_address_and_personal_contact: 'Home address and personal contact',
  birth_date: 'Birth date',
  eeo_and_demographics: 'Gender, ethnicity and other EEO data',
  bank_details: 'Bank details',
  time_off: 'Time off',
  performance: 'Performance reviews',
};

export const TRIGGER_WORDS: Readonly<Record<RunSummary['trigger'], string>> = {
  schedule: 'Nightly',
  manual: 'Manual',
  api: 'On demand',
  cli: 'Command line',
};

type Tone = 'neutral' | 'good' | 'warn' | 'bad' | 'info';

/** A run's status as a badge: words and tone. A succeeded preview is "Preview ready". */
export function runStatusBadge(run: Pick<RunSummary, 'status' | 'mode'>): {
  label: string;
  tone: Tone;
} {
  switch (run.status) {
    case 'queued':
      return { label: 'Queued', tone: 'info' };
    case 'running':
      return { label: 'Syncing…', tone: 'info' };
    case 'awaiting_approval':
      return { label: 'Awaiting approval', tone: 'warn' };
    case 'succeeded':
      return run.mode === 'dry-run'
        ? { label: 'Preview ready', tone: 'info' }
        : { label: 'Succeeded', tone: 'good' };
    case 'failed':
      return { label: 'Failed', tone: 'bad' };
    case 'rejected':
      return { label: 'Rejected', tone: 'neutral' };
    case 'cancelled':
      return { label: 'Cancelled', tone: 'neutral' };
  }
}

export function isRunActive(run: Pick<RunSummary, 'status'> | null | undefined): boolean {
  return run?.status === 'queued' || run?.status === 'running';
}

/** The per-person actions, in the order the results tabs show them. */
export const ACTION_WORDS = {
  create: 'Created',
  update: 'Updated',
  deactivate: 'Deactivated',
  reactivate: 'Reactivated',
  skip: 'Skipped',
  error: 'Errors',
  unchanged: 'Unchanged',
} as const;

export const ACTION_TONES: Readonly<Record<keyof typeof ACTION_WORDS, Tone>> = {
  create: 'good',
  update: 'info',
  deactivate: 'warn',
  reactivate: 'good',
  skip: 'neutral',
  error: 'bad',
  unchanged: 'neutral',
};

/** One learner-facing word per action, for a single row ("Error", not "Errors"). */
export const ACTION_SINGULAR: Readonly<Record<keyof typeof ACTION_WORDS, string>> = {
  ...ACTION_WORDS,
  error: 'Error',
};

const REASON_WORDS: Readonly<Record<string, string>> = {
  first_sync: 'Found in the first sync',
  new_hire: 'New hire',
  already_terminated: 'Already left when first seen: added as deactivated, for reports',
  terminated: 'Left the company (terminated in the HRIS)',
  missing: 'No longer listed by the HRIS',
  filtered_out: 'Excluded by the employee filters',
  missing_from_incomplete_snapshot:
    'Not in this HRIS answer, which was incomplete: kept as is until a complete sync',
  not_in_hris: 'Added by CSV or by hand and not found in the HRIS: kept as is',
  duplicate_external_id: 'The HRIS listed this employee id twice',
  superseded_by_rehire: 'An earlier record of the same person (rehired under a new id) was used',
  duplicate_email: 'Another person already uses this work email',
  not_started: 'Starts later: added on their start date',
  no_work_email: 'No work email in the HRIS',
  deactivated_outside_hris: 'Deactivated by an admin in Rollcall: left deactivated',
  rehire_needs_review: 'Rehired: the rehire policy asks an admin to review',
  rehired: 'Rehired',
  invalid_record: 'The HRIS record could not be read',
};

export function reasonWords(reason: string | null): string | null {
  if (reason === null) return null;
  return REASON_WORDS[reason] ?? reason.replaceAll('_', ' ');
}

const NOTE_WORDS: Readonly<Record<string, string>> = {
  manager_unresolved: 'Manager not found in the HRIS answer',
  manager_cycle: 'Manager chain loops back: manager left empty',
  email_taken_by_another_learner: 'New work email belongs to another learner: kept the old one',
};

export function noteWords(note: string | null): string | null {
  if (note === null) return null;
  return NOTE_WORDS[note] ?? note;
}

export const GUARD_WORDS: Readonly<Record<string, string>> = {
  empty_snapshot: 'Empty HRIS answer',
  deactivation_ratio: 'Deactivation limit',
  coverage_drop: 'Field coverage',
};

/** The GitHub page of a connector's setup instructions (its `docs` path in the repository). */
export function docsUrl(path: string): string {
  return `https://github.com/rollcall-hris/rollcall/blob/main/${path}`;
}

/** Initials for a connector tile: "BambooHR" → "BH", "HiBob" → "HB", "Workday" → "W". */
export function initials(name: string): string {
  const capitals = name.replace(/[^A-Z]/g, '');
  if (capitals.length >= 2) return capitals.slice(0, 2);
  return name.slice(0, 2).toUpperCase();
}

/** A calm tile colour per connector, stable across renders. */
export function tileHue(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}
