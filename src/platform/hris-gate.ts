import type { Kysely } from 'kysely';
import type { Learner } from '../core/learner.ts';
import type { Database } from '../db/schema.ts';

/** The answer of a gate: allowed, or refused with a reason an admin can act on. */
export type HrisGateDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * Decides whether a learner may be invited (DESIGN.md "Invites": with an HRIS connected, only
 * people the HRIS knows as active or pending). Invites take it as a parameter so the foundation
 * works before connections exist; the sync issue supplies the real one.
 */
export interface HrisGate {
  check(db: Kysely<Database>, tenantId: string, learner: Learner): Promise<HrisGateDecision>;
}

/** The foundation default: no HRIS connection exists yet, so nobody is limited. */
export const noHrisConnected: HrisGate = {
  check: () => Promise.resolve({ allowed: true }),
};

/** Whether the learner counts as known to the connected HRIS: linked and active or pending. */
export function hrisKnows(learner: Learner): HrisGateDecision {
  if (learner.connectionId === null) {
    return {
      allowed: false,
      reason: 'the connected HRIS does not list this person (they were added by CSV or by hand)',
    };
  }
  if (learner.employmentStatus !== 'active' && learner.employmentStatus !== 'pending') {
    return {
      allowed: false,
      reason: `the connected HRIS lists this person as ${learner.employmentStatus ?? 'unknown'}`,
    };
  }
  return { allowed: true };
}

/**
 * A gate for tenants whose HRIS connection is known up front (tests, the sandbox): for a tenant in
 * `connectedTenantIds` a learner is allowed iff `hrisKnows` them; other tenants are not limited.
 * The sync issue replaces the "is a connection active" part with a lookup of the tenant's
 * connections (after a Disconnect the limit lifts) and keeps `hrisKnows`.
 */
export function hrisKnowsLinkedLearners(connectedTenantIds: Iterable<string>): HrisGate {
  const connected = new Set(connectedTenantIds);
  return {
    check: (_db, tenantId, learner) =>
      Promise.resolve(connected.has(tenantId) ? hrisKnows(learner) : { allowed: true }),
  };
}
