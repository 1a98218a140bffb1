import { AppError } from './errors.ts';

/** Connection states (DESIGN.md "Connections"); every change goes through `assertTransition`. */
export const CONNECTION_STATUSES = [
  'connected',
  'syncing',
  'synced',
  'error',
  'awaiting_approval',
  'disconnected',
] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** The one transition table. `disconnected` is reachable from any state and is final. */
const TRANSITIONS: Record<ConnectionStatus, readonly ConnectionStatus[]> = {
  connected: ['syncing', 'error', 'disconnected'],
  syncing: ['synced', 'error', 'awaiting_approval', 'disconnected'],
  synced: ['syncing', 'error', 'disconnected'],
  error: ['syncing', 'connected', 'disconnected'],
  awaiting_approval: ['syncing', 'synced', 'connected', 'error', 'disconnected'],
  disconnected: [],
};

export function canTransition(from: ConnectionStatus, to: ConnectionStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ConnectionStatus, to: ConnectionStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('CONFLICT', `a connection cannot go from ${from} to ${to}`);
  }
}
