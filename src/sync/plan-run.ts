import type { Kysely } from 'kysely';
import type { PersonField } from '../core/employee.ts';
import { PERSON_FIELDS } from '../core/employee.ts';
import { newId } from '../core/ids.ts';
import type { TenantSettings } from '../core/tenant-settings.ts';
import type {
  NewRunResultRow,
  SpannedAction,
  SpannedPerson,
} from '../db/repositories/run-results.ts';
import { compactResultRow, insertResults, maxSpan } from '../db/repositories/run-results.ts';
import type { ApplyContext } from './apply.ts';
import { APPLY_BATCH, storeAndApply } from './apply.ts';
import { chunk } from '../db/portable.ts';
import { cachedStatement, rawSqlite } from '../db/sqlite-dialect.ts';
import type { Database } from '../db/schema.ts';
import type { PeopleIndex } from './managers.ts';
import type { LearnerFields, LearnerIndexEntry, PlanCounts, PlanItem } from './plan.ts';
import { Planner } from './plan.ts';
import type { SettledPeople } from './snapshot.ts';
import { snapshotPages } from './snapshot.ts';

export interface StagedPlanInput {
  db: Kysely<Database>;
  tenantId: string;
  connectionId: string;
  runId: string;
  settings: TenantSettings;
  isFirstSync: boolean;
  complete: boolean;
  ownedFields: readonly PersonField[];
  /** The learners as the fetch found them (`learnerIndex`), which settled people refer to. */
  learners: readonly LearnerIndexEntry[];
  /** The linked ones by external id, when the fetch made them (`linkedLearners`). */
  linked?: ReadonlyMap<string, LearnerIndexEntry> | undefined;
  /** The people the fetch settled without staging them (ADR 0012). */
  settled?: SettledPeople | undefined;
  /**
   * The people someone in the snapshot names as their manager, settled or staged
   * (`SnapshotWriter.managers`): the index manager resolution reads.
   */
  managers: PeopleIndex;
  onProgress?: ((done: number) => void) | undefined;
  /**
   * Set when no guard can pause this run whatever the plan says: each batch of results is then
   * applied in the transaction that stores it (ADR 0016).
   */
  applyAsPlanned?: ApplyContext | undefined;
  /** People per plan page (tests make it small). */
  pageSize?: number | undefined;
}

export interface StagedPlan {
  counts: PlanCounts;
}

/**
 * Plans the snapshot page by page and stores each page's results: an index of the snapshot's
 * managers first, then the plan over the staged rows merged with the settled people, compact
 * indexes of the learners, and learner fields loaded only where a stored hash shows a change.
 * Memory stays flat as the company grows.
 */
export async function planStagedSnapshot(input: StagedPlanInput): Promise<StagedPlan> {
  const learners = input.learners;
  const planner = new Planner({
    connectionId: input.connectionId,
    settings: input.settings,
    isFirstSync: input.isFirstSync,
    complete: input.complete,
    ownedFields: input.ownedFields,
    learners,
    linked: input.linked,
    people: input.managers,
  });
  let position = 0;
  // Results are stored (and, applying as planned, applied) a batch of people at a time: fewer,
  // larger transactions write each index page they touch once per batch.
  let rows: NewRunResultRow[] = [];
  let spans: (SpannedPerson[] | null)[] = [];
  let buffered = 0;
  let applied = 0;
  const flush = async (): Promise<void> => {
    if (rows.length === 0) return;
    const apply = input.applyAsPlanned;
    if (apply) {
      await storeAndApply(apply, rows, spans);
      applied += buffered;
      await apply.onBatch?.(applied);
    } else await insertResults(input.db, rows);
    rows = [];
    spans = [];
    buffered = 0;
  };
  const store = async (items: PlanItem[]): Promise<void> => {
    // Consecutive people of one spanned action (creates, skips, quiet unchanged) share a row.
    let span: SpannedPerson[] = [];
    let spanAction: SpannedAction | null = null;
    const endSpan = (): void => {
      if (spanAction !== null && span.length > 0) {
        rows.push(
          compactResultRow(
            input.runId,
            position - span.length,
            span,
            spanAction,
            input.applyAsPlanned !== undefined,
          ),
        );
        spans.push(span);
      }
      span = [];
    };
    for (const item of items) {
      const action = spannedAction(item);
      if (action === null) {
        endSpan();
        spanAction = null;
        rows.push(resultRow(input.runId, position, item));
        spans.push(null);
      } else {
        if (action !== spanAction || span.length === maxSpan(action)) {
          endSpan();
          spanAction = action;
        }
        span.push(spannedPerson(item, action));
      }
      position += 1;
    }
    endSpan();
    buffered += items.length;
    if (buffered >= (input.applyAsPlanned?.batchSize ?? APPLY_BATCH)) await flush();
    input.onProgress?.(position);
  };
  const pages = snapshotPages(input.db, input.runId, {
    ownedFields: input.ownedFields,
    settled: input.settled,
    pageSize: input.pageSize,
  });
  for await (const page of pages) {
    const fields = await personFields(input.db, planner.learnersNeedingFields(page));
    await store(planner.planRecords(page, fields));
  }
  await store(planner.finish());
  await flush();
  return { counts: planner.counts };
}

/** Active (not deactivated) learners linked to the connection. */
export function activeLinkedLearners(
  learners: readonly LearnerIndexEntry[],
  connectionId: string,
): number {
  return learners.filter((l) => l.connectionId === connectionId && l.status !== 'deactivated')
    .length;
}

/**
 * The most deactivations any plan against these learners could hold: every one still active
 * (a plan deactivates only learners it matched, each at most once).
 */
export function mostDeactivations(learners: readonly LearnerIndexEntry[]): number {
  return learners.filter((l) => l.status !== 'deactivated').length;
}

/**
 * The learners the plan matches against: this connection's, and the tenant's unlinked ones. An
 * employee number is kept for deactivated learners only (the plan matches rehires by it): a
 * resync holds this index for the whole run, and the other strings would be dead weight.
 */
export async function learnerIndex(
  db: Kysely<Database>,
  tenantId: string,
  connectionId: string,
): Promise<LearnerIndexEntry[]> {
  const database = rawSqlite(db);
  // A resync loads every learner before the fetch: on SQLite, rows as arrays straight from the
  // prepared statement (no per-row key mapping), one object each; whether a learner is linked
  // comes back as a number, and the connection id is this one string. Iterated, not `all()`:
  // each row's array is garbage at once, so only the entries survive the scavenges the load
  // triggers (with `all()` every row's array was copied along with them).
  if (database && !db.isTransaction)
    return db.connection().execute(() => {
      const entries: LearnerIndexEntry[] = [];
      const rows = cachedStatement(database, LEARNER_INDEX_SQL)
        .raw(true)
        .iterate(tenantId, connectionId) as IterableIterator<LearnerIndexRow>;
      for (const r of rows)
        entries.push({
          id: r[0],
          status: r[1],
          connectionId: r[2] === 1 ? connectionId : null,
          externalId: r[3],
          deactivationReason: r[4],
          workEmail: r[5],
          employeeNumber: r[6],
          firstName: r[7],
          lastName: r[8],
          managerName: r[9],
          managerEmail: r[10],
          hrisHash: r[11],
          hrisRecordHash: r[12],
        });
      return Promise.resolve(entries);
    });
  return db
    .selectFrom('learners')
    .select([
      'id',
      'status',
      'connectionId',
      'externalId',
      'deactivationReason',
      'workEmail',
      (eb) =>
        eb
          .case()
          .when('status', '=', 'deactivated')
          .then(eb.ref('employeeNumber'))
          .end()
          .as('employeeNumber'),
      'firstName',
      'lastName',
      'managerName',
      'managerEmail',
      'hrisHash',
      'hrisRecordHash',
    ])
    .where('tenantId', '=', tenantId)
    .where((eb) => eb.or([eb('connectionId', '=', connectionId), eb('connectionId', 'is', null)]))
    .execute();
}

const LEARNER_INDEX_SQL = `select id, status, connection_id is not null, external_id,
  deactivation_reason, work_email, case when status = 'deactivated' then employee_number end,
  first_name, last_name, manager_name, manager_email, hris_hash, hris_record_hash
  from learners where tenant_id = ? and (connection_id = ? or connection_id is null)`;

type LearnerIndexRow = [
  string,
  LearnerIndexEntry['status'],
  0 | 1,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
];

async function personFields(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, LearnerFields>> {
  const out = new Map<string, LearnerFields>();
  for (const part of chunk(ids, 500)) {
    const rows = await db
      .selectFrom('learners')
      .select(['id', 'hrisHash', ...PERSON_FIELDS])
      .where('id', 'in', part)
      .execute();
    for (const { id, ...values } of rows) out.set(id, values);
  }
  return out;
}

const WRITES = new Set(['create', 'update', 'deactivate', 'reactivate']);

/**
 * The compact row a person's result joins, or null for a row of their own: creates and skips
 * (nothing to link or compare) and unchanged people whose learner needs no write, not even a
 * refreshed hash. Updates, deactivations, reactivations and errors keep a row each.
 */
function spannedAction(item: PlanItem): SpannedAction | null {
  // A create never links or compares: every create joins a compact row.
  if (item.action === 'create') return 'create';
  if (item.link || item.changedFields !== null || item.invite || item.createDeactivated)
    return null;
  if (item.action === 'skip') return 'skip';
  if (item.action !== 'unchanged' || item.reason !== null) return null;
  const { staleHash, staleRecordHash } = staleness(item);
  return staleHash || staleRecordHash ? null : 'unchanged';
}

function spannedPerson(item: PlanItem, action: SpannedAction): SpannedPerson {
  // One object literal per person, of one shape (a hot path: a first sync makes one per person).
  const create = action === 'create';
  return {
    // A new learner's id is fixed with the plan, so the report links to it and apply needs no write-back.
    learnerId: create ? newId('lrn') : item.learnerId,
    externalId: item.externalId,
    displayName: item.displayName,
    workEmail: item.workEmail,
    note: item.note,
    reason: action === 'unchanged' ? null : item.reason,
    invite: create && item.invite,
    createDeactivated: create && item.createDeactivated,
    values: create ? item.values : null,
    hash: create ? item.hash : null,
    recordHash: create ? item.recordHash : null,
  };
}

/** Whether the plan's hashes for the person differ from those their learner keeps. */
function staleness(item: PlanItem): { staleHash: boolean; staleRecordHash: boolean } {
  const learner = item.learner;
  if (learner === null) return { staleHash: false, staleRecordHash: false };
  return {
    staleHash: item.hash !== null && learner.hrisHash !== item.hash,
    staleRecordHash:
      item.recordHash !== null && (learner.hrisRecordHash ?? null) !== item.recordHash,
  };
}

function resultRow(runId: string, position: number, item: PlanItem): NewRunResultRow {
  const { staleHash, staleRecordHash } = staleness(item);
  return {
    runId,
    position,
    learnerId: item.learnerId,
    externalId: item.externalId,
    displayName: item.displayName,
    workEmail: item.workEmail,
    action: item.action,
    reason: item.reason,
    changedFields: item.changedFields ? JSON.stringify(item.changedFields) : null,
    note: item.note,
    invite: item.invite,
    link: item.link,
    createDeactivated: item.createDeactivated,
    personValues: WRITES.has(item.action) && item.values ? JSON.stringify(item.values) : null,
    // Unchanged people whose stored hash is stale get it refreshed, so the next resync skips them cheaply.
    hash: item.action === 'unchanged' ? (staleHash ? item.hash : null) : item.hash,
    // Likewise the raw record's hash, so the next resync can leave them out of the staged rows.
    recordHash:
      item.action === 'unchanged' ? (staleRecordHash ? item.recordHash : null) : item.recordHash,
    span: 1,
    people: null,
  };
}
