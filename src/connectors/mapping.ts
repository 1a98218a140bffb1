import type { z } from 'zod';
import { cleanText, safeParseEmployee, type NormalizedEmployee } from '../core/employee.ts';
import type { FetchItem } from './connector.ts';
import { describeIssues } from './values.ts';

/** A record that cannot be mapped; it still counts as present (DESIGN "Plan"). */
export interface RecordMapFailure {
  ok: false;
  externalId: string | null;
  code: 'missing_id' | 'invalid_record';
  message: string;
}

/** A mapped employee, with whatever else the connector reports per record (`Extra`). */
export type RecordMapResult<Extra extends object = object> =
  ({ ok: true; employee: NormalizedEmployee } & Extra) | RecordMapFailure;

/** How one vendor record is parsed and named in record errors. */
export interface VendorRecordSpec<Record> {
  /** The zod schema of the raw record, as the vendor sends it. */
  schema: z.ZodType<Record>;
  /** What one record is called in messages: `employee` gives "the employee has no id". */
  noun: string;
  /** The shape the record must have: `documented` gives "… does not have the documented shape". */
  shape: string;
  /** How the id is called when it is missing (default `id`). */
  idLabel?: string;
  /** The id of a record that did not parse, for its record error (null when unknown). */
  rawId(raw: unknown): string | null;
  /** The id of a parsed record; it is trimmed, and blank means missing. */
  id(record: Record): string | null | undefined;
}

/**
 * The skeleton every API connector's mapper shares: parse the raw record with the vendor schema
 * (`invalid_record` when it does not fit), read its id (`missing_id`), build the employee, and
 * check it against the normalized schema (`invalid_record`). `build` returns the employee and any
 * per-record extras, which the success result carries alongside it. Messages name field paths and
 * zod codes only: a zod message could quote a value, and values may be personal data.
 */
export function mapVendorRecord<Record, Extra extends object = object>(
  raw: unknown,
  spec: VendorRecordSpec<Record>,
  build: (externalId: string, record: Record) => { employee: NormalizedEmployee } & Extra,
): RecordMapResult<NoInfer<Extra>> {
  const root = `(${spec.noun})`;
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      externalId: spec.rawId(raw),
      code: 'invalid_record',
      message: `the ${spec.noun} does not have the ${spec.shape} shape (${describeIssues(parsed.error.issues, root)})`,
    };
  }
  const externalId = cleanText(spec.id(parsed.data));
  if (externalId === null) {
    const message = `the ${spec.noun} has no ${spec.idLabel ?? 'id'}`;
    return { ok: false, externalId: null, code: 'missing_id', message };
  }
  const { employee, ...extra } = build(externalId, parsed.data);
  const checked = safeParseEmployee(employee);
  if (!checked.success) {
    return {
      ok: false,
      externalId,
      code: 'invalid_record',
      message: `the mapped record is not valid (${describeIssues(checked.error.issues, root)})`,
    };
  }
  return { ...extra, ok: true, employee: checked.data };
}

/** The fetch item that reports a record the mapper could not map (the run goes on). */
export function recordErrorItem(failure: {
  externalId: string | null;
  code: string;
  message: string;
}): FetchItem {
  const { externalId, code, message } = failure;
  return { kind: 'record_error', externalId, code, message };
}
