import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConnectionDto } from '../../../../src/contracts/connections.ts';
import { connectionListSchema, connectionSchema } from '../../../../src/contracts/connections.ts';
import { request } from '../../api.ts';
import { useInterval } from '../../hooks.ts';
import { isRunActive } from './words.ts';

/** Polling while a sync may be moving, and calmly otherwise (the status updates without a refresh). */
const FAST_MS = 2000;
const SLOW_MS = 15000;

export interface LiveConnection {
  /** undefined while loading; null when no HRIS is connected. */
  connection: ConnectionDto | null | undefined;
  error: unknown;
  /** Shows a connection the page just got from the API (connect, reconnect, disconnect). */
  show: (connection: ConnectionDto | null) => void;
  refresh: () => void;
}

export function isSyncMoving(connection: ConnectionDto): boolean {
  return (
    connection.status === 'syncing' ||
    isRunActive(connection.activeRun) ||
    (connection.status === 'connected' && connection.firstSyncedAt === null)
  );
}

/** The tenant's live connection (the one not disconnected), kept fresh by polling its status. */
export function useLiveConnection(): LiveConnection {
  const [connection, setConnection] = useState<ConnectionDto | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  // Every answer carries the generation it was asked in: a poll that was already on its way when
  // the admin disconnected must not bring the old connection back.
  const generation = useRef(0);

  const loadList = useCallback(() => {
    const asked = ++generation.current;
    request(connectionListSchema, 'GET', '/api/connections').then(
      (list) => {
        if (asked !== generation.current) return;
        setConnection(list.items.find((c) => c.status !== 'disconnected') ?? null);
        setError(undefined);
      },
      (e: unknown) => {
        if (asked === generation.current) setError(e);
      },
    );
  }, []);

  useEffect(loadList, [loadList]);

  const poll = () => {
    if (!connection) return;
    const asked = generation.current;
    request(connectionSchema, 'GET', `/api/connections/${encodeURIComponent(connection.id)}`).then(
      (fresh) => {
        if (asked !== generation.current) return;
        setConnection(fresh.status === 'disconnected' ? null : fresh);
        setError(undefined);
      },
      (e: unknown) => {
        if (asked === generation.current) setError(e);
      },
    );
  };
  const moving = connection ? isSyncMoving(connection) : false;
  useInterval(poll, moving ? FAST_MS : SLOW_MS, Boolean(connection));

  const show = useCallback((next: ConnectionDto | null) => {
    generation.current += 1;
    setConnection(next && next.status !== 'disconnected' ? next : null);
  }, []);

  return { connection, error, show, refresh: loadList };
}
