import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * One run per connection at a time, across processes, on both stores: a lease row with an expiry
 * that the holder renews (heartbeat). A lease whose holder is a dead process on this host is taken
 * over at once; any other expires after its TTL.
 */
export const LEASE_TTL_MS = 60_000;

export function leaseHolder(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

function holderIsDeadHere(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== os.hostname() || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function acquireLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
  now: Date,
  ttlMs = LEASE_TTL_MS,
): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const current = await db
    .selectFrom('leases')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
  if (
    current &&
    current.holder !== holder &&
    current.expiresAt > now.toISOString() &&
    !holderIsDeadHere(current.holder)
  ) {
    return false;
  }
  if (!current) {
    const inserted = await db
      .insertInto('leases')
      .values({ name, holder, acquiredAt: now.toISOString(), expiresAt })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
    return false;
  }
  // Take over only if nobody else renewed it meanwhile (compare-and-set on the old holder and expiry).
  const taken = await db
    .updateTable('leases')
    .set({ holder, acquiredAt: now.toISOString(), expiresAt })
    .where('name', '=', name)
    .where('holder', '=', current.holder)
    .where('expiresAt', '=', current.expiresAt)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) > 0;
}

/** Extends the lease; false when it was lost (taken over after expiry). */
export async function renewLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
  now: Date,
  ttlMs = LEASE_TTL_MS,
): Promise<boolean> {
  const result = await db
    .updateTable('leases')
    .set({ expiresAt: new Date(now.getTime() + ttlMs).toISOString() })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function releaseLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Whether someone alive holds the lease now. */
export async function leaseIsHeld(db: Kysely<Database>, name: string, now: Date): Promise<boolean> {
  const row = await db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
  return row !== undefined && row.expiresAt > now.toISOString() && !holderIsDeadHere(row.holder);
}

/** The lease that keeps one run per connection. */
export function leaseName(connectionId: string): string {
  return `sync:${connectionId}`;
}

/**
 * Runs `fn` while holding the lease, renewing it in the background (heartbeat); returns
 * `{ acquired: false }` without running `fn` when someone else holds it.
 */
export async function withLease<T>(
  deps: { db: Kysely<Database>; clock: () => Date; leaseTtlMs?: number | undefined },
  name: string,
  fn: () => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  const holder = leaseHolder();
  const ttl = deps.leaseTtlMs ?? LEASE_TTL_MS;
  if (!(await acquireLease(deps.db, name, holder, deps.clock(), ttl))) return { acquired: false };
  const heartbeat = setInterval(
    () => void renewLease(deps.db, name, holder, deps.clock(), ttl).catch(() => undefined),
    Math.max(1_000, Math.floor(ttl / 3)),
  );
  heartbeat.unref();
  try {
    return { acquired: true, value: await fn() };
  } finally {
    clearInterval(heartbeat);
    await releaseLease(deps.db, name, holder);
  }
}
