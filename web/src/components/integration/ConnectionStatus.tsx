import { useEffect, useState } from 'react';
import type { ConnectionDto } from '../../../../src/contracts/connections.ts';
import { enqueueResponseSchema } from '../../../../src/contracts/connections.ts';
import { runListSchema } from '../../../../src/contracts/runs.ts';
import type { TenantDto } from '../../../../src/contracts/tenant.ts';
import { query, request } from '../../api.ts';
import { Link, navigate } from '../../router.tsx';
import { Badge, ErrorNote, Menu, formatTime } from '../ui.tsx';
import type { CatalogueEntry } from '../VerificationPanel.tsx';
import { ConnectorLogo } from './ConnectorLogo.tsx';
import { DisconnectDialog } from './DisconnectDialog.tsx';
import { ReconnectDialog } from './ReconnectDialog.tsx';
import { isSyncMoving } from './useLiveConnection.ts';

/** Error codes whose fix is new credentials: the status offers Reconnect next to the message. */
const RECONNECT_CODES = new Set([
  'reconnect_needed',
  'auth_failed',
  'forbidden',
  'host_not_allowed',
  'bad_request',
  'not_found',
]);

const PHASE_WORDS: Readonly<Record<string, string>> = {
  fetch: 'Reading the HRIS',
  plan: 'Comparing with your learners',
  guards: 'Running the safety checks',
  apply: 'Updating learners',
};

/**
 * The connected HRIS at the top of the page: its status (✓ Synced, Syncing…, Error, Awaiting
 * approval), the last and next sync, and the "…" menu with Resync, Preview and Disconnect.
 */
export function ConnectionStatus({
  connection,
  connector,
  tenant,
  isAdmin,
  onChanged,
  onRefresh,
}: {
  connection: ConnectionDto;
  connector: CatalogueEntry | undefined;
  tenant: TenantDto | undefined;
  isAdmin: boolean;
  onChanged: (connection: ConnectionDto | null) => void;
  onRefresh: () => void;
}) {
  const [dialog, setDialog] = useState<'disconnect' | 'reconnect' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const pausedRunId = usePausedRunId(connection);

  const enqueue = async (kind: 'resync' | 'preview') => {
    setActionError(null);
    setNotice(null);
    try {
      const queued = await request(
        enqueueResponseSchema,
        'POST',
        `/api/connections/${encodeURIComponent(connection.id)}/${kind}`,
      );
      if (kind === 'preview') {
        navigate(`/sync/runs/${encodeURIComponent(queued.run.id)}`);
        return;
      }
      setNotice(
        queued.coalesced
          ? 'A sync is already waiting to run: your resync joins it.'
          : 'Resync started. The status below updates on its own.',
      );
      onRefresh();
    } catch (error) {
      setActionError(error);
    }
  };

  const moving = isSyncMoving(connection);
  const reconnectable =
    connection.status === 'error' &&
    connection.error !== null &&
    RECONNECT_CODES.has(connection.error.code);

  return (
    <section className="card hris-status" aria-labelledby="connected-hris-name">
      <div className="hris-status-main">
        <ConnectorLogo id={connection.connectorId} name={connection.connectorName} size="lg" />
        <div className="hris-status-text">
          <h2 id="connected-hris-name" className="hris-status-name" tabIndex={-1}>
            {connection.connectorName}
            {connection.sandbox ? <Badge tone="info">Sandbox</Badge> : null}
          </h2>
          <p className="status-line" role="status">
            <StatusBadge connection={connection} />
            <StatusDetail connection={connection} />
          </p>
          <p className="muted small">
            {nextSyncWords(connection, tenant)}
            {connection.lastSuccessAt && connection.status !== 'synced'
              ? ` · Last successful sync ${formatTime(connection.lastSuccessAt)}`
              : null}
          </p>
        </div>
        <div className="hris-status-actions">
          {isAdmin && reconnectable ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setDialog('reconnect')}
            >
              Reconnect
            </button>
          ) : null}
          <Link to="/sync" className="btn btn-ghost">
            Sync history
          </Link>
          {isAdmin ? (
            <Menu
              label="Connection actions"
              items={[
                { label: 'Resync', onSelect: () => void enqueue('resync') },
                { label: 'Preview next sync', onSelect: () => void enqueue('preview') },
                { label: 'Disconnect', danger: true, onSelect: () => setDialog('disconnect') },
              ]}
            />
          ) : null}
        </div>
      </div>

      {connection.status === 'error' && connection.error ? (
        <div className="status-problem status-problem-bad">
          <p className="status-problem-title">{connection.error.message}</p>
          <p>{connection.error.action}</p>
          {!isAdmin && reconnectable ? (
            <p className="small">An admin of your team can reconnect it.</p>
          ) : null}
        </div>
      ) : null}

      {connection.status === 'awaiting_approval' ? (
        <div className="status-problem status-problem-warn">
          <p className="status-problem-title">A sync is paused for approval.</p>
          <p>
            A safety check stopped it before any learner changed. Review what it would do, then
            approve or reject it.
          </p>
          {pausedRunId ? (
            <Link to={`/sync/runs/${encodeURIComponent(pausedRunId)}`}>Review the paused sync</Link>
          ) : null}
        </div>
      ) : null}

      {moving && connection.firstSyncedAt === null ? (
        <p className="note first-sync-note">
          The first sync may take a while for a large company. You can leave this page: the status
          here updates on its own, and nothing needs a page refresh.
        </p>
      ) : null}

      {notice ? (
        <p className="note" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorNote error={actionError} />

      <DisconnectDialog
        open={dialog === 'disconnect'}
        connection={connection}
        onClose={() => setDialog(null)}
        onDisconnected={(next) => {
          setDialog(null);
          onChanged(next);
        }}
      />
      <ReconnectDialog
        open={dialog === 'reconnect'}
        connection={connection}
        connector={connector}
        onClose={() => setDialog(null)}
        onReconnected={(next) => {
          setDialog(null);
          setNotice('Reconnected. A sync is running with the new credentials.');
          onChanged(next);
          onRefresh();
        }}
      />
    </section>
  );
}

/** The next scheduled sync; before the scheduler has placed it, the tenant's nightly time. */
function nextSyncWords(connection: ConnectionDto, tenant: TenantDto | undefined): string {
  if (connection.status === 'error' && connection.error?.code === 'reconnect_needed')
    return 'Nightly syncs are stopped until you reconnect';
  if (connection.nextSyncAt) return `Next sync ${formatTime(connection.nextSyncAt)}`;
  return tenant
    ? `Syncs every night at ${tenant.settings.nightlySyncTime} (${tenant.timeZone})`
    : 'Syncs every night';
}

function StatusBadge({ connection }: { connection: ConnectionDto }) {
  if (
    connection.status === 'syncing' ||
    (isSyncMoving(connection) && connection.status === 'connected')
  )
    return <Badge tone="info">Syncing…</Badge>;
  switch (connection.status) {
    case 'synced':
      return <Badge tone="good">✓ Synced</Badge>;
    case 'error':
      return <Badge tone="bad">Error</Badge>;
    case 'awaiting_approval':
      return <Badge tone="warn">Awaiting approval</Badge>;
    case 'connected':
      return <Badge tone="info">Connected</Badge>;
    default:
      return <Badge>Disconnected</Badge>;
  }
}

function StatusDetail({ connection }: { connection: ConnectionDto }) {
  const active = connection.activeRun;
  if (connection.status === 'syncing' || (active && connection.status === 'connected')) {
    const phase = active?.phase ? PHASE_WORDS[active.phase] : undefined;
    return (
      <span className="muted">
        {active?.status === 'queued' ? 'About to start' : phase ? `${phase}…` : 'Working'}
      </span>
    );
  }
  if (connection.status === 'synced')
    return (
      <span className="muted">
        Last sync {formatTime(connection.lastSuccessAt ?? connection.lastRunAt)}
        {active?.mode === 'dry-run' ? ' · a preview is running' : null}
      </span>
    );
  if (connection.status === 'connected')
    return <span className="muted">Waiting for the first sync</span>;
  if (connection.status === 'error')
    return <span className="muted">Last attempt {formatTime(connection.lastRunAt)}</span>;
  return null;
}

/** The run waiting for approval: the last run, or the newest paused one of this connection. */
function usePausedRunId(connection: ConnectionDto): string | null {
  const fromLast =
    connection.lastRun?.status === 'awaiting_approval' ? connection.lastRun.id : null;
  const [found, setFound] = useState<string | null>(null);
  const paused = connection.status === 'awaiting_approval';
  useEffect(() => {
    if (!paused || fromLast) return;
    let current = true;
    request(
      runListSchema,
      'GET',
      `/api/runs${query({ connectionId: connection.id, limit: 20 })}`,
    ).then(
      (list) => {
        if (current)
          setFound(list.items.find((run) => run.status === 'awaiting_approval')?.id ?? null);
      },
      () => {
        // The link is a convenience: Sync history lists the paused run either way.
      },
    );
    return () => {
      current = false;
    };
  }, [paused, fromLast, connection.id]);
  return fromLast ?? (paused ? found : null);
}
