import type { Kysely, Selectable } from 'kysely';
import { newId } from '../../core/ids.ts';
import type { Database, EventsTable } from '../schema.ts';

export type EventType = EventsTable['type'];

/** One outbox entry: something happened to a learner, at a given learner version. */
export interface OutboxEvent {
  seq: number;
  id: string;
  type: EventType;
  learnerId: string;
  version: number;
  payload: unknown;
  createdAt: string;
}

export interface NewEvent {
  tenantId: string;
  learnerId: string;
  type: EventType;
  version: number;
  payload: Record<string, unknown>;
}

/**
 * Appends an event in the caller's transaction. Events are keyed by (learner, version): writing
 * the same version twice is a no-op, so a retried operation never emits a duplicate.
 */
export async function appendEvent(
  db: Kysely<Database>,
  event: NewEvent,
  now: string,
): Promise<void> {
  await db
    .insertInto('events')
    .values({
      id: newId('evt'),
      tenantId: event.tenantId,
      learnerId: event.learnerId,
      type: event.type,
      version: event.version,
      payload: JSON.stringify(event.payload),
      createdAt: now,
    })
    .onConflict((oc) => oc.columns(['learnerId', 'version']).doNothing())
    .execute();
}

function toEvent(row: Selectable<EventsTable>): OutboxEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    type: row.type,
    learnerId: row.learnerId,
    version: row.version,
    payload: JSON.parse(row.payload) as unknown,
    createdAt: row.createdAt,
  };
}

/** Events of a tenant after the cursor `after` (a seq), oldest first. */
export async function listEvents(
  db: Kysely<Database>,
  tenantId: string,
  options: { after?: number | undefined; limit: number },
): Promise<OutboxEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('seq', '>', options.after ?? 0)
    .orderBy('seq')
    .limit(options.limit)
    .execute();
  return rows.map(toEvent);
}
