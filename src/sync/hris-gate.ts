import { findLiveConnection } from '../db/repositories/connections.ts';
import type { HrisGate } from '../platform/hris-gate.ts';
import { hrisKnows } from '../platform/hris-gate.ts';

/**
 * The real invite gate: with an HRIS connected (a connection that is not disconnected), only
 * people linked to that connection and listed as active or pending may be invited. Without one,
 * or after a Disconnect, everyone may.
 */
export const connectedHrisGate: HrisGate = {
  async check(db, tenantId, learner) {
    const connection = await findLiveConnection(db, tenantId);
    if (!connection) return { allowed: true };
    if (learner.connectionId !== connection.id) {
      return {
        allowed: false,
        reason: `${connection.name} is connected and does not list this person (added by CSV or by hand)`,
      };
    }
    return hrisKnows(learner);
  },
};
