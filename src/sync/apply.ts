import type { Insertable, Kysely } from 'kysely';
import type { Learner } from '../core/learner.ts';
import { SYSTEM_ACTOR } from '../db/repositories/audit.ts';
import { appendEvent } from '../db/repositories/events.ts';
import type { PersonValues } from '../db/repositories/learners.ts';
import {
  learnerFromRow,
  learnerSnapshot,
  newLearnerRow,
  appendCreatedEvents,
  updateLearnerFields,
} from '../db/repositories/learners.ts';
import type {
  NewRunResultRow,
  RunResultRow,
  SpannedPerson,
} from '../db/repositories/run-results.ts';
import {
  actionableResults,
  insertResults,
  isActionable,
  markResultError,
  markSpannedErrors,
  spannedPeople,
} from '../db/repositories/run-results.ts';
import { bulkInsert, chunk, toBool } from '../db/portable.ts';
import type { Database, LearnersTable } from '../db/schema.ts';
import { deactivateLearner } from '../platform/deactivate.ts';
import type { HrisGate } from '../platform/hris-gate.ts';
import { inviteLearner } from '../platform/invites.ts';
import { reactivateLearner } from '../platform/reactivate.ts';

/**
 * Applies a stored plan (the run's result rows) in batches, each batch one transaction.
 * Idempotency is by state, not by run: a crash loses at most the batch in flight, and the next run
 * re-plans from what is stored and converges (DESIGN.md "Apply").
 */
export interface ApplyContext {
  db: Kysely<Database>;
  tenantId: string;
  connectionId: string;
  runId: string;
  now: Date;
  batchSize?: number;
  /** Called after each committed batch (progress, lease heartbeat). */
  onBatch?: (applied: number) => Promise<void>;
}

/** The sync's own invites go to people the HRIS just listed as active. */
const hrisListed: HrisGate = { check: () => Promise.resolve({ allowed: true }) };

/**
 * People per apply transaction. Each commit writes every index page the batch touched (emails and
 * names land all over their indexes), so fewer, larger commits write far less; 5,000 keeps a
 * batch's write lock under a second and its garbage small (creates go in rounds of 500).
 */
export const APPLY_BATCH = 5_000;

export async function applyPlan(ctx: ApplyContext): Promise<{ applied: number; errors: number }> {
  const batchSize = ctx.batchSize ?? APPLY_BATCH;
  let after = -1;
  let applied = 0;
  let errors = 0;
  for (;;) {
    const batch = await actionableResults(ctx.db, ctx.runId, after, batchSize);
    if (batch.length === 0) break;
    // Past every person of the batch: a compact row split by errors leaves rows inside its span.
    const last = batch[batch.length - 1];
    if (last) after = last.position + last.span - 1;
    errors += await ctx.db.transaction().execute((trx) => applyBatch(trx, ctx, batch));
    applied += batch.reduce((n, row) => n + row.span, 0);
    await ctx.onBatch?.(applied);
  }
  return { applied, errors };
}

/**
 * Stores a batch of results and applies it in the same transaction: the plan of a run no guard
 * can pause is applied as it is made (ADR 0016), without reading its results back. `spans` runs
 * beside `rows`: a compact row's people as the plan made them (null for a row of its own).
 * Returns the people who became errors.
 */
export async function storeAndApply(
  ctx: ApplyContext,
  rows: readonly NewRunResultRow[],
  spans: readonly (readonly SpannedPerson[] | null)[],
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const stored = await insertResults(trx, rows);
    const known = new Map<RunResultRow, readonly SpannedPerson[]>();
    const actionable: RunResultRow[] = [];
    stored.forEach((row, i) => {
      if (!isActionable(row)) return;
      actionable.push(row);
      const people = spans[i];
      if (people) known.set(row, people);
    });
    return applyBatch(trx, ctx, actionable, known);
  });
}

/** A person the plan creates: from a row of their own or from a compact row (`index` in it). */
interface CreateEntry {
  row: RunResultRow;
  index: number | null;
  person: SpannedPerson;
}

/**
 * The batch's creates, each compact row's people read only when reached (a batch's people are
 * never all in memory at once, so little of them outlives a round).
 */
function* createEntries(
  batch: readonly RunResultRow[],
  known: ReadonlyMap<RunResultRow, readonly SpannedPerson[]>,
): Generator<CreateEntry> {
  for (const row of batch) {
    if (row.action !== 'create') continue;
    if (row.people !== null) {
      const people = known.get(row) ?? spannedPeople(row);
      for (const [index, person] of people.entries()) yield { row, index, person };
      continue;
    }
    yield {
      row,
      index: null,
      person: {
        learnerId: row.learnerId,
        externalId: row.externalId,
        displayName: row.displayName,
        workEmail: row.workEmail,
        note: row.note,
        invite: toBool(row.invite),
        createDeactivated: toBool(row.createDeactivated),
        values: row.personValues ? (JSON.parse(row.personValues) as Partial<PersonValues>) : null,
        hash: row.hash,
        recordHash: row.recordHash,
      },
    };
  }
}

async function applyBatch(
  trx: Kysely<Database>,
  ctx: ApplyContext,
  batch: RunResultRow[],
  known: ReadonlyMap<RunResultRow, readonly SpannedPerson[]> = new Map(),
): Promise<number> {
  const at = ctx.now.toISOString();
  let errors = await createLearners(trx, ctx, createEntries(batch, known));

  const ids = batch.flatMap((r) => (r.action !== 'create' && r.learnerId ? [r.learnerId] : []));
  const learners = new Map<string, Learner>();
  for (const part of chunk(ids, 1000)) {
    const rows = await trx
      .selectFrom('learners')
      .selectAll()
      .where('tenantId', '=', ctx.tenantId)
      .where('id', 'in', part)
      .execute();
    for (const row of rows) learners.set(row.id, learnerFromRow(row));
  }

  for (const result of batch) {
    if (result.action === 'create') continue;
    const learner = result.learnerId ? learners.get(result.learnerId) : undefined;
    if (!learner) {
      await markResultError(
        trx,
        result.id,
        'learner_gone',
        'the learner was deleted before the plan was applied',
      );
      errors += 1;
      continue;
    }
    if (result.action === 'unchanged') {
      await refreshHashes(trx, learner.id, result);
      continue;
    }
    let current = learner;
    if (toBool(result.link))
      current = await link(trx, current, ctx.connectionId, result.externalId, at);
    const values = result.personValues
      ? (JSON.parse(result.personValues) as Partial<PersonValues>)
      : {};
    const updated = await updateLearnerFields(
      trx,
      current,
      values,
      {
        source: 'hris',
        connectionId: ctx.connectionId,
        hrisHash: result.hash ?? undefined,
        recordHash: result.recordHash,
      },
      at,
    );
    if (updated.changed.length === 0) await refreshHashes(trx, learner.id, result);
    if (result.action === 'deactivate') {
      await deactivateLearner(
        trx,
        { tenantId: ctx.tenantId, learnerId: learner.id, reason: result.reason ?? 'terminated' },
        ctx.now,
      );
    } else if (result.action === 'reactivate') {
      await reactivateLearner(trx, { tenantId: ctx.tenantId, learnerId: learner.id }, ctx.now);
    }
  }
  return errors;
}

/**
 * Stores the hashes a result carries on a learner whose values it leaves as they are (the values
 * already are the record's): the next resync then skips the person cheaply (ADR 0012).
 */
async function refreshHashes(
  trx: Kysely<Database>,
  learnerId: string,
  result: Pick<RunResultRow, 'hash' | 'recordHash'>,
): Promise<void> {
  const set: { hrisHash?: string; hrisRecordHash?: string } = {};
  if (result.hash !== null) set.hrisHash = result.hash;
  if (result.recordHash !== null) set.hrisRecordHash = result.recordHash;
  if (Object.keys(set).length === 0) return;
  await trx.updateTable('learners').set(set).where('id', '=', learnerId).execute();
}

/** Links a CSV/manual learner (or a rehire under a new id) to this connection's external id. */
async function link(
  trx: Kysely<Database>,
  learner: Learner,
  connectionId: string,
  externalId: string | null,
  at: string,
): Promise<Learner> {
  const next: Learner = {
    ...learner,
    connectionId,
    externalId,
    source: 'hris',
    version: learner.version + 1,
    updatedAt: at,
  };
  await trx
    .updateTable('learners')
    .set({
      connectionId,
      externalId,
      source: 'hris',
      version: next.version,
      updatedAt: at,
      hrisHash: null,
      hrisRecordHash: null,
    })
    .where('id', '=', learner.id)
    .execute();
  await appendEvent(
    trx,
    {
      tenantId: learner.tenantId,
      learnerId: learner.id,
      type: 'learner.updated',
      version: next.version,
      payload: { linked: { connectionId, externalId }, learner: learnerSnapshot(next) },
    },
    at,
  );
  return next;
}

/** Creates per insert round: their rows and events die young (little garbage survives a batch). */
const CREATE_ROUND = 500;

/**
 * Bulk-creates learners; a create that collides (the person appeared meanwhile) becomes an error
 * result. Returns the number of such errors.
 */
async function createLearners(
  trx: Kysely<Database>,
  ctx: ApplyContext,
  creates: Iterable<CreateEntry>,
): Promise<number> {
  const conflict = {
    reason: 'conflict',
    note: 'a learner with this email or external id appeared before the plan was applied',
  };
  const spanErrors = new Map<RunResultRow, Map<number, typeof conflict>>();
  let errors = 0;
  let round: CreateEntry[] = [];
  const flush = async (): Promise<void> => {
    const failed = await createRound(trx, ctx, round);
    round = [];
    for (const { row: result, index } of failed) {
      errors += 1;
      if (index === null) await markResultError(trx, result.id, conflict.reason, conflict.note);
      else
        spanErrors.set(
          result,
          (spanErrors.get(result) ?? new Map<number, typeof conflict>()).set(index, conflict),
        );
    }
  };
  for (const entry of creates) {
    round.push(entry);
    if (round.length === CREATE_ROUND) await flush();
  }
  if (round.length > 0) await flush();
  for (const [result, failed] of spanErrors) await markSpannedErrors(trx, result, failed);
  return errors;
}

/** Inserts one round of new learners with their events and invites; returns the collisions. */
async function createRound(
  trx: Kysely<Database>,
  ctx: ApplyContext,
  creates: readonly CreateEntry[],
): Promise<CreateEntry[]> {
  const at = ctx.now.toISOString();
  const rows: (Insertable<LearnersTable> & { id: string })[] = creates.map(({ person }) => {
    const row = newLearnerRow(
      {
        tenantId: ctx.tenantId,
        source: 'hris',
        person: person.values ?? {},
        connectionId: ctx.connectionId,
        externalId: person.externalId,
        status: person.createDeactivated ? 'deactivated' : 'active',
      },
      at,
    );
    // Fill the fresh row in place (bulk path: no copy per person).
    row.id = person.learnerId ?? row.id;
    row.hrisHash = person.hash ?? null;
    row.hrisRecordHash = person.recordHash ?? null;
    if (person.createDeactivated) {
      row.deactivationReason = 'terminated';
      row.deactivatedAt = at;
    }
    return row;
  });
  const inserted = new Set(
    await bulkInsert(trx, 'learners', rows, { onConflictDoNothing: true, returning: 'id' }),
  );
  await appendCreatedEvents(
    trx,
    rows.filter((row) => inserted.has(row.id)),
    at,
  );
  const failed: CreateEntry[] = [];
  for (const [i, entry] of creates.entries()) {
    const row = rows[i];
    if (!row) continue;
    if (!inserted.has(row.id)) failed.push(entry);
    else if (entry.person.invite)
      await inviteLearner(
        trx,
        { tenantId: ctx.tenantId, learnerId: row.id, gate: hrisListed, actor: SYSTEM_ACTOR },
        ctx.now,
      );
  }
  return failed;
}
