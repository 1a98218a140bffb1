import type { Kysely } from 'kysely';
import type { NormalizedEmployee, PersonField } from '../core/employee.ts';
import { PERSON_FIELDS } from '../core/employee.ts';
import { newId } from '../core/ids.ts';
import type { TenantSettings } from '../core/tenant-settings.ts';
import type { PersonValues } from '../db/repositories/learners.ts';
import type { NewRunResultRow } from '../db/repositories/runs.ts';
import { MAX_SPAN, compactResultRow, insertResults } from '../db/repositories/runs.ts';
import { chunk } from '../db/portable.ts';
import type { Database } from '../db/schema.ts';
import type { Coverage } from './guards.ts';
import { CoverageCounter } from './guards.ts';
import type { PeopleIndex } from './managers.ts';
import { indexEntry } from './managers.ts';
import type { LearnerIndexEntry, PlanCounts, PlanItem } from './plan.ts';
import { Planner } from './plan.ts';
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
  onProgress?: ((done: number) => void) | undefined;
}

export interface StagedPlan {
  counts: PlanCounts;
  coverage: Coverage;
  snapshotSize: number;
  activeLinkedLearners: number;
}

/**
 * Plans the staged snapshot page by page and stores each page's results: two passes over the
 * snapshot (an index of people for managers and coverage, then the plan), compact indexes of the
 * learners, and learner fields loaded only where a stored hash shows a change. Memory stays flat as
 * the company grows.
 */
export async function planStagedSnapshot(input: StagedPlanInput): Promise<StagedPlan> {
  const people = await managerIndex(input.db, input.runId);
  const coverage = new CoverageCounter(input.ownedFields);
  let snapshotSize = 0;
  const learners = await learnerIndex(input.db, input.tenantId, input.connectionId);
  const planner = new Planner({
    connectionId: input.connectionId,
    settings: input.settings,
    isFirstSync: input.isFirstSync,
    complete: input.complete,
    ownedFields: input.ownedFields,
    learners,
    people,
  });
  const hashes = new Map(learners.map((l) => [l.id, l.hrisHash]));
  let position = 0;
  const store = async (items: PlanItem[]): Promise<void> => {
    const rows: NewRunResultRow[] = [];
    // Consecutive unchanged people with nothing to apply share one compact row.
    let quiet: PlanItem[] = [];
    const endQuiet = (): void => {
      if (quiet.length > 0)
        rows.push(compactResultRow(input.runId, position - quiet.length, quiet));
      quiet = [];
    };
    for (const item of items) {
      const row = resultRow(input.runId, position, item, hashes);
      if (isQuiet(row)) {
        quiet.push(item);
        position += 1;
        if (quiet.length === MAX_SPAN) endQuiet();
        continue;
      }
      endQuiet();
      rows.push(row);
      position += 1;
    }
    endQuiet();
    await insertResults(input.db, rows);
    input.onProgress?.(position);
  };
  for await (const page of snapshotPages(input.db, input.runId)) {
    snapshotSize += page.length;
    for (const record of page) if (record.kind === 'employee') coverage.add(record.employee);
    const fields = await personFields(input.db, planner.learnersNeedingFields(page));
    await store(planner.planRecords(page, fields));
  }
  await store(planner.finish());
  return {
    counts: planner.counts,
    coverage: coverage.result(),
    snapshotSize,
    activeLinkedLearners: learners.filter(
      (l) => l.connectionId === input.connectionId && l.status !== 'deactivated',
    ).length,
  };
}

/** The snapshot's managers (people someone reports to), for manager resolution. */
async function managerIndex(db: Kysely<Database>, runId: string): Promise<PeopleIndex> {
  const rows = await db
    .selectFrom('snapshotRows')
    .select(['externalId', 'payload'])
    .where('runId', '=', runId)
    .where('payload', 'is not', null)
    .where('externalId', 'in', (eb) =>
      eb
        .selectFrom('snapshotRows as reports')
        .select('reports.managerExternalId')
        .where('reports.runId', '=', runId),
    )
    .orderBy('position')
    .execute();
  const people: PeopleIndex = new Map();
  for (const row of rows) {
    if (row.externalId === null || row.payload === null || people.has(row.externalId)) continue;
    people.set(row.externalId, indexEntry(JSON.parse(row.payload) as NormalizedEmployee));
  }
  return people;
}

/** The learners the plan matches against: this connection's, and the tenant's unlinked ones. */
async function learnerIndex(
  db: Kysely<Database>,
  tenantId: string,
  connectionId: string,
): Promise<LearnerIndexEntry[]> {
  return db
    .selectFrom('learners')
    .select([
      'id',
      'status',
      'connectionId',
      'externalId',
      'deactivationReason',
      'workEmail',
      'employeeNumber',
      'firstName',
      'lastName',
      'hrisHash',
    ])
    .where('tenantId', '=', tenantId)
    .where((eb) => eb.or([eb('connectionId', '=', connectionId), eb('connectionId', 'is', null)]))
    .execute();
}

async function personFields(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, PersonValues>> {
  const out = new Map<string, PersonValues>();
  for (const part of chunk(ids, 500)) {
    const rows = await db
      .selectFrom('learners')
      .select(['id', ...PERSON_FIELDS])
      .where('id', 'in', part)
      .execute();
    for (const { id, ...values } of rows) out.set(id, values);
  }
  return out;
}

const WRITES = new Set(['create', 'update', 'deactivate', 'reactivate']);

/** An unchanged person whose learner needs no write, not even a refreshed hash. */
function isQuiet(row: NewRunResultRow): boolean {
  return (
    row.action === 'unchanged' &&
    row.hash === null &&
    row.reason === null &&
    row.changedFields === null &&
    !row.link &&
    !row.invite &&
    !row.createDeactivated
  );
}

function resultRow(
  runId: string,
  position: number,
  item: PlanItem,
  hashes: Map<string, string | null>,
): NewRunResultRow {
  const staleHash =
    item.learnerId !== null &&
    item.hash !== null &&
    hashes.has(item.learnerId) &&
    hashes.get(item.learnerId) !== item.hash;
  return {
    runId,
    position,
    // A new learner's id is fixed with the plan, so the report links to it and apply needs no write-back.
    learnerId: item.action === 'create' ? newId('lrn') : item.learnerId,
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
    span: 1,
    people: null,
  };
}
