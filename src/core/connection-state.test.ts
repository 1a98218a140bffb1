import { describe, expect, it } from 'vitest';
import { CONNECTION_STATUSES, assertTransition, canTransition } from './connection-state.ts';

describe('connection state machine', () => {
  it('follows the design: connected → syncing → synced | error | awaiting_approval', () => {
    expect(canTransition('connected', 'syncing')).toBe(true);
    for (const to of ['synced', 'error', 'awaiting_approval'] as const)
      expect(canTransition('syncing', to)).toBe(true);
    expect(canTransition('connected', 'synced')).toBe(false);
    expect(() => assertTransition('synced', 'awaiting_approval')).toThrow(/cannot go from synced/);
  });

  it('reaches disconnected from any state and never leaves it', () => {
    for (const from of CONNECTION_STATUSES) expect(canTransition(from, 'disconnected')).toBe(true);
    for (const to of CONNECTION_STATUSES.filter((s) => s !== 'disconnected')) {
      expect(canTransition('disconnected', to)).toBe(false);
    }
  });
});
