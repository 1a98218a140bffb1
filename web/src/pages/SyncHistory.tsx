import { useState } from 'react';
import { connectionListSchema, enqueueResponseSchema } from '../../../src/contracts/connections.ts';
import { runListSchema } from '../../../src/contracts/runs.ts';
import { query, request } from '../api.ts';
import { COUNT_COLUMNS, countOf } from '../components/integration/run-counts.ts';
import { TRIGGER_WORDS, isRunActive, runStatusBadge } from '../components/integration/words.ts';
import {
  Badge,
  Button,
  ErrorNote,
  Loading,
  PageHeader,
  formatDuration,
  formatTime,
} from '../components/ui.tsx';
import { useAsync, useInterval } from '../hooks.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';

const PAGE_SIZE = 20;

/** Sync history: every run with its trigger, time, duration, status and counts. */
export function SyncHistoryPage() {
  const { isAdmin } = useSession();
  const [offset, setOffset] = useState(0);
  const runs = useAsync(
    () => request(runListSchema, 'GET', `/api/runs${query({ limit: PAGE_SIZE, offset })}`),
    [offset],
  );
  const connections = useAsync(() => request(connectionListSchema, 'GET', '/api/connections'), []);
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const items = runs.data?.items ?? [];
  const moving = items.some(isRunActive);
  useInterval(runs.reload, moving ? 2000 : 20000);

  const all = connections.data?.items ?? [];
  const live = all.find((c) => c.status !== 'disconnected');
  const names = new Map(all.map((c) => [c.id, c.name]));
  const showHris = new Set(items.map((r) => r.connectionId)).size > 1 || all.length > 1;

  const preview = async () => {
    if (!live) return;
    setPreviewing(true);
    setPreviewError(null);
    try {
      const queued = await request(
        enqueueResponseSchema,
        'POST',
        `/api/connections/${encodeURIComponent(live.id)}/preview`,
      );
      navigate(`/sync/runs/${encodeURIComponent(queued.run.id)}`);
    } catch (error) {
      setPreviewError(error);
      setPreviewing(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Sync history"
        subtitle="Every sync with your HRIS: what started it, how long it took, and what changed for learners."
        actions={
          isAdmin && live ? (
            <Button busy={previewing} onClick={() => void preview()}>
              Preview next sync
            </Button>
          ) : null
        }
      />
      {isAdmin && live ? (
        <p className="muted small history-hint">
          A preview is a dry run: it shows what the next sync would change, and changes nothing.
        </p>
      ) : null}
      <ErrorNote error={previewError} />
      <ErrorNote error={runs.error} />
      {runs.loading && !runs.data ? <Loading /> : null}
      {runs.data && items.length === 0 && offset === 0 ? (
        <div className="card empty-state">
          <h2>No syncs yet</h2>
          <p>
            Syncs appear here once an HRIS is connected.{' '}
            {isAdmin ? <Link to="/settings/hris">Connect your HRIS</Link> : null}
          </p>
        </div>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="runs-table">
            <caption className="sr-only">Sync runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                {showHris ? <th scope="col">HRIS</th> : null}
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                {COUNT_COLUMNS.map((c) => (
                  <th scope="col" key={c.key} className="num">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((run) => {
                const badge = runStatusBadge(run);
                return (
                  <tr key={run.id}>
                    <td>
                      <Link to={`/sync/runs/${encodeURIComponent(run.id)}`} className="run-link">
                        {formatTime(run.startedAt ?? run.createdAt)}
                      </Link>
                    </td>
                    {showHris ? <td>{names.get(run.connectionId) ?? '—'}</td> : null}
                    <td>
                      {TRIGGER_WORDS[run.trigger]}
                      {run.mode === 'dry-run' ? (
                        <>
                          {' '}
                          <Badge>Preview</Badge>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <Badge tone={badge.tone}>{badge.label}</Badge>
                    </td>
                    <td>{formatDuration(run.durationMs)}</td>
                    {COUNT_COLUMNS.map((c) => {
                      const n = countOf(run, c.key);
                      return (
                        <td key={c.key} className={n ? 'num' : 'num muted'}>
                          {n ?? '—'}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {offset > 0 || items.length === PAGE_SIZE ? (
        <nav className="pager" aria-label="Sync history pages">
          <Button
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            Newer
          </Button>
          <span className="muted small">
            {offset + 1}–{offset + items.length}
          </span>
          <Button disabled={items.length < PAGE_SIZE} onClick={() => setOffset(offset + PAGE_SIZE)}>
            Older
          </Button>
        </nav>
      ) : null}
    </>
  );
}
