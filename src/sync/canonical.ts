import { createHash } from 'node:crypto';
import type { PersonField } from '../core/employee.ts';
import { PERSON_FIELDS } from '../core/employee.ts';

/** Canonical JSON of person values: fixed key order, so equal values give byte-identical text. */
export function canonicalPerson(values: { [K in PersonField]?: string | null }): string {
  return JSON.stringify(PERSON_FIELDS.map((f) => values[f] ?? null));
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}
