import { hash } from 'node:crypto';
import type { PersonField } from '../core/employee.ts';
import { PERSON_FIELDS } from '../core/employee.ts';

/** Canonical JSON of person values: fixed key order, so equal values give byte-identical text. */
export function canonicalPerson(values: { [K in PersonField]?: string | null }): string {
  return JSON.stringify(PERSON_FIELDS.map((f) => values[f] ?? null));
}

/** SHA-256 of the text, base64url, 32 characters (one-shot: no Hash object per person). */
export function hashText(text: string): string {
  return hash('sha256', text, 'base64url').slice(0, 32);
}
