import type { Kysely, Selectable } from 'kysely';
import { bulkInsert, toBool, toCount } from '../portable.ts';
import type { Database, RunResultsTable } from '../schema.ts';
import type { PersonValues } from './learners.ts';

/**
 * A run's results: one per person in plan order, stored one row per person or as compact rows
 * that stand for consecutive people of one action (ADR 0010, 0014).
 */

export type RunResultRow = Selectable<RunResultsTable>;
export type NewRunResultRow = Omit<RunResultRow, 'id'>;

export interface RunResult {
  position: number;
  learnerId: string | null;
  externalId: string | null;
  displayName: string | null;
  workEmail: string | null;
  action: RunResultsTable['action'];
  reason: string | null;
  changedFields: string[] | null;
  note: string | null;
  invite: boolean;
}

/**
 * One person of a compact row: what the report shows of them and, for a create, what apply writes.
 * A quiet unchanged person needs only the first five fields.
 */
export interface SpannedPerson {
  learnerId: string | null;
  externalId: string | null;
  displayName: string | null;
  workEmail: string | null;
  note: string | null;
  reason?: string | null | undefined;
  invite?: boolean | undefined;
  createDeactivated?: boolean | undefined;
  /** The person values a create writes (parsed, not JSON text). */
  values?: Partial<PersonValues> | null | undefined;
  hash?: string | null | undefined;
  recordHash?: string | null | undefined;
}

/**
 * A compact row's person as stored in `people`: a tuple whose trailing entries are left out when
 * empty (rows written before creates and skips were compacted hold the first five only).
 */
type SpanTuple = [
  learnerId: string | null,
  externalId: string | null,
  displayName: string | null,
  workEmail: string | null,
  note: string | null,
  reason?: string | null,
  flags?: number,
  values?: Partial<PersonValues> | null,
  hash?: string | null,
  recordHash?: string | null,
];

const INVITE = 1;
const CREATE_DEACTIVATED = 2;

/** The actions whose consecutive people share a compact row (DESIGN.md: a result per person). */
export type SpannedAction = 'create' | 'skip' | 'unchanged';

/**
 * People per compact row at most (bounds a row's size and the look-back of a page query). A row's
 * text stays under V8's large-object size (128 KiB), so reading and writing rows makes garbage
 * that dies young instead of growing the old generation: creates carry their values, so fewer.
 */
export const MAX_SPAN = 500;
export const MAX_CREATE_SPAN = 100;

/** The most people one compact row of this action holds. */
export function maxSpan(action: SpannedAction): number {
  return action === 'create' ? MAX_CREATE_SPAN : MAX_SPAN;
}

/**
 * One row for consecutive people of one action (plan positions `position` … `position + n - 1`):
 * creates (apply reads their values from here), skips, and unchanged people who need nothing
 * applied. The report still lists each of them, from `people`.
 */
export function compactResultRow(
  runId: string,
  position: number,
  people: readonly SpannedPerson[],
  action: SpannedAction = 'unchanged',
  /** Leave out what only apply reads (values, hashes): the row is applied as it is stored. */
  reportOnly = false,
): NewRunResultRow {
  if (people.length === 0 || people.length > maxSpan(action))
    throw new Error(`a compact ${action} row holds 1 to ${maxSpan(action)} people`);
  return {
    runId,
    position,
    learnerId: null,
    externalId: null,
    displayName: null,
    workEmail: null,
    action,
    reason: null,
    changedFields: null,
    note: null,
    invite: false,
    link: false,
    createDeactivated: false,
    personValues: null,
    hash: null,
    recordHash: null,
    span: people.length,
    people: JSON.stringify(people.map((p) => toTuple(p, !reportOnly))),
  };
}

/** A person's tuple; without `applyData`, the values and hashes only apply reads are left out. */
function toTuple(p: SpannedPerson, applyData: boolean): SpanTuple {
  const tuple: SpanTuple = [p.learnerId, p.externalId, p.displayName, p.workEmail, p.note];
  const flags = (p.invite ? INVITE : 0) | (p.createDeactivated ? CREATE_DEACTIVATED : 0);
  const reason = p.reason ?? null;
  const values = applyData ? (p.values ?? null) : null;
  const hash = applyData ? (p.hash ?? null) : null;
  const recordHash = applyData ? (p.recordHash ?? null) : null;
  // Trailing empty entries are left out (a quiet unchanged person is five entries).
  if (recordHash !== null) tuple.push(reason, flags, values, hash, recordHash);
  else if (hash !== null) tuple.push(reason, flags, values, hash);
  else if (values !== null) tuple.push(reason, flags, values);
  else if (flags !== 0) tuple.push(reason, flags);
  else if (reason !== null) tuple.push(reason);
  return tuple;
}

/** The people of a compact row, in plan order (position `row.position + i`). */
export function spannedPeople(row: Pick<RunResultRow, 'people'>): SpannedPerson[] {
  if (row.people === null) return [];
  return (JSON.parse(row.people) as SpanTuple[]).map(
    ([
      learnerId,
      externalId,
      displayName,
      workEmail,
      note,
      reason,
      flags,
      values,
      hash,
      recordHash,
    ]) => ({
      learnerId,
      externalId,
      displayName,
      workEmail,
      note,
      reason: reason ?? null,
      invite: ((flags ?? 0) & INVITE) !== 0,
      createDeactivated: ((flags ?? 0) & CREATE_DEACTIVATED) !== 0,
      values: values ?? null,
      hash: hash ?? null,
      recordHash: recordHash ?? null,
    }),
  );
}

export function toResult(row: RunResultRow): RunResult {
  return {
    position: row.position,
    learnerId: row.learnerId,
    externalId: row.externalId,
    displayName: row.displayName,
    workEmail: row.workEmail,
    action: row.action,
    reason: row.reason,
    changedFields: row.changedFields ? (JSON.parse(row.changedFields) as string[]) : null,
    note: row.note,
    invite: toBool(row.invite),
  };
}

/** The people a stored row stands for: itself, or each person of a compact row. */
export function toResults(row: RunResultRow): RunResult[] {
  if (row.people === null) return [toResult(row)];
  return spannedPeople(row).map((person, i) => ({
    position: row.position + i,
    learnerId: person.learnerId,
    externalId: person.externalId,
    displayName: person.displayName,
    workEmail: person.workEmail,
    action: row.action,
    reason: person.reason ?? row.reason,
    changedFields: null,
    note: person.note,
    invite: person.invite ?? false,
  }));
}

/** Stores results; returns them as stored (with their ids). */
export async function insertResults(
  db: Kysely<Database>,
  rows: readonly NewRunResultRow[],
): Promise<RunResultRow[]> {
  // A result is named by its run and position: unique, and cheaper than a random id per person.
  const stored = rows.map((row) => ({ id: `${row.runId}:${row.position}`, ...row }));
  await bulkInsert(db, 'runResults', stored);
  return stored;
}

/**
 * A run's results, one per person in plan order (compact rows expanded), optionally one action's
 * only; `limit`/`offset` count people, not rows.
 */
export async function listResults(
  db: Kysely<Database>,
  runId: string,
  options: {
    action?: RunResultsTable['action'] | undefined;
    limit?: number | undefined;
    offset?: number | undefined;
  },
): Promise<{ items: RunResult[]; total: number }> {
  let query = db.selectFrom('runResults').where('runId', '=', runId);
  if (options.action) query = query.where('action', '=', options.action);
  const total = await query
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('span'), eb.lit(0)).as('n'))
    .executeTakeFirst();
  if (options.limit === undefined) {
    const rows = await query.selectAll().orderBy('position').execute();
    return { items: rows.flatMap(toResults), total: toCount(total?.n) };
  }
  // Each row's people end at `upto` (a running sum of spans): the page's rows are the first
  // `limit` rows that end after `offset`.
  const offset = options.offset ?? 0;
  const end = offset + options.limit;
  const rows = await db
    .selectFrom(
      query
        .selectAll()
        .select((eb) =>
          eb.fn
            .sum<number | string>('span')
            .over((o) => o.orderBy('position'))
            .as('upto'),
        )
        .as('r'),
    )
    .selectAll()
    .where('upto', '>', offset)
    .orderBy('position')
    .limit(options.limit)
    .execute();
  const items: RunResult[] = [];
  for (const { upto, ...row } of rows) {
    const first = toCount(upto) - row.span;
    toResults(row).forEach((result, i) => {
      if (first + i >= offset && first + i < end) items.push(result);
    });
  }
  return { items, total: toCount(total?.n) };
}

/**
 * Whether apply has anything to do for a result (`actionableResults` asks the same in SQL): a
 * write, or an unchanged person whose learner gets a refreshed hash.
 */
export function isActionable(row: Pick<RunResultRow, 'action' | 'hash' | 'recordHash'>): boolean {
  if (row.action === 'unchanged') return row.hash !== null || row.recordHash !== null;
  return ACTIONABLE_WRITES.has(row.action);
}

const ACTIONABLE_WRITES = new Set<RunResultRow['action']>([
  'create',
  'update',
  'deactivate',
  'reactivate',
]);

/**
 * Result rows that change something, in plan order, one batch at a time (for apply): the rows
 * after `afterPosition` standing for at most `maxPeople` people (at least one row: a compact row
 * is never split).
 */
export async function actionableResults(
  db: Kysely<Database>,
  runId: string,
  afterPosition: number,
  maxPeople: number,
): Promise<RunResultRow[]> {
  const actionable = db
    .selectFrom('runResults')
    .where('runId', '=', runId)
    .where('position', '>', afterPosition)
    .where((eb) =>
      eb.or([
        eb('action', 'in', [...ACTIONABLE_WRITES]),
        eb.and([
          eb('action', '=', 'unchanged'),
          eb.or([eb('hash', 'is not', null), eb('recordHash', 'is not', null)]),
        ]),
      ]),
    );
  // Which rows fit, from their spans alone: a compact row's people are read only when applied.
  const spans = await actionable
    .select(['position', 'span'])
    .orderBy('position')
    .limit(maxPeople)
    .execute();
  let people = 0;
  let last = spans[0]?.position;
  for (const row of spans) {
    people += row.span;
    if (people > maxPeople) break;
    last = row.position;
  }
  if (last === undefined) return [];
  return actionable.selectAll().where('position', '<=', last).orderBy('position').execute();
}

export async function markResultError(
  db: Kysely<Database>,
  resultId: string,
  reason: string,
  note: string,
): Promise<void> {
  await db
    .updateTable('runResults')
    .set({ action: 'error', reason, note })
    .where('id', '=', resultId)
    .execute();
}

/**
 * Marks people of a compact row as errors (apply could not create them): the row is replaced by
 * rows for the runs of people left as they were and one error row per failed person, every
 * person keeping their position. Call inside the transaction that applied the row.
 */
export async function markSpannedErrors(
  db: Kysely<Database>,
  row: RunResultRow,
  errors: ReadonlyMap<number, { reason: string; note: string }>,
): Promise<void> {
  if (errors.size === 0) return;
  const people = spannedPeople(row);
  const rows: NewRunResultRow[] = [];
  let runStart = 0;
  const endRun = (end: number): void => {
    const most = maxSpan(row.action as SpannedAction);
    for (let from = runStart; from < end; from += most)
      rows.push(
        compactResultRow(
          row.runId,
          row.position + from,
          people.slice(from, Math.min(end, from + most)),
          row.action as SpannedAction,
        ),
      );
  };
  people.forEach((person, i) => {
    const error = errors.get(i);
    if (!error) return;
    endRun(i);
    runStart = i + 1;
    rows.push({
      ...compactResultRow(row.runId, row.position + i, [person], row.action as SpannedAction),
      learnerId: person.learnerId,
      externalId: person.externalId,
      displayName: person.displayName,
      workEmail: person.workEmail,
      action: 'error',
      reason: error.reason,
      note: error.note,
      people: null,
    });
  });
  endRun(people.length);
  await db.deleteFrom('runResults').where('id', '=', row.id).execute();
  await insertResults(db, rows);
}
