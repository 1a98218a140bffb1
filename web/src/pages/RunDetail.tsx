import { connectionListSchema } from '../../../src/contracts/connections.ts';
import { runSchema } from '../../../src/contracts/runs.ts';
import { ApiError, request } from '../api.ts';
import { ApprovalPanel } from '../components/integration/ApprovalPanel.tsx';
import { CoverageBar } from '../components/integration/CoverageBar.tsx';
import { GuardList, parseGuards } from '../components/integration/GuardList.tsx';
import { COUNT_COLUMNS, countOf } from '../components/integration/run-counts.ts';
import { RunResults } from '../components/integration/RunResults.tsx';
import {
  TRIGGER_WORDS,
  fieldWords,
  isRunActive,
  runStatusBadge,
} from '../components/integration/words.ts';
import {
  Badge,
  ErrorNote,
  Loading,
  PageHeader,
  formatDuration,
  formatTime,
} from '../components/ui.tsx';
import { useAsync, useInterval } from '../hooks.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';

const PHASE_WORDS: Readonly<Record<string, string>> = {
  fetch: 'Reading the HRIS',
  plan: 'Comparing with your learners',
  guards: 'Running the safety checks',
  apply: 'Updating learners',
};

/** Why a run ended without applying, in words (error codes the engine leaves on cancelled runs). */
const CANCEL_WORDS: Readonly<Record<string, string>> = {
  stale: 'The plan could not be approved any more',
  superseded: 'A newer sync replaced this paused plan',
  disconnected: 'The HRIS was disconnected',
};

const USAGE_WORDS: Readonly<Record<string, (n: number) => string>> = {
  calls: (n) => `${n} ${n === 1 ? 'request' : 'requests'}`,
  retries: (n) => `${n} ${n === 1 ? 'retry' : 'retries'}`,
  throttled: (n) => `${n} throttled`,
  waitedMs: (n) => `waited ${formatDuration(n)}`,
};

/** One sync run: summary, safety checks, approval when paused, coverage, API usage, people. */
export function RunDetailPage({ id }: { id: string }) {
  const { isAdmin } = useSession();
  const run = useAsync(
    () => request(runSchema, 'GET', `/api/runs/${encodeURIComponent(id)}`),
    [id],
  );
  const connections = useAsync(() => request(connectionListSchema, 'GET', '/api/connections'), []);
  const data = run.data;
  useInterval(run.reload, 2000, isRunActive(data));

  if (!data) {
    return (
      <>
        <BackLink />
        {run.error instanceof ApiError && run.error.status === 404 ? (
          <>
            <h1>Sync not found</h1>
            <p>There is no sync with this id in your team.</p>
          </>
        ) : (
          <>
            <ErrorNote error={run.error} />
            {run.error ? null : <Loading />}
          </>
        )}
      </>
    );
  }

  const badge = runStatusBadge(data);
  const verdicts = parseGuards(data.guards);
  const failed = verdicts.filter((v) => !v.passed);
  const hris = connections.data?.items.find((c) => c.id === data.connectionId)?.name;
  const preview = data.mode === 'dry-run';
  const when = formatTime(data.startedAt ?? data.createdAt);
  const usage = Object.entries(data.apiUsage ?? {});
  // Coverage counts active people, who have no termination date: 0% there says nothing.
  const coverage = Object.entries(data.coverage ?? {}).filter(([f]) => f !== 'terminationDate');

  return (
    <>
      <BackLink />
      <PageHeader
        title={preview ? `Preview of ${when}` : `Sync of ${when}`}
        subtitle={[TRIGGER_WORDS[data.trigger], hris].filter(Boolean).join(' · ')}
        actions={<Badge tone={badge.tone}>{badge.label}</Badge>}
      />

      {isRunActive(data) ? (
        <p className="note" role="status">
          {data.status === 'queued'
            ? 'Waiting to start…'
            : `${(data.phase ? PHASE_WORDS[data.phase] : undefined) ?? 'Working'}…`}{' '}
          This page updates on its own.
        </p>
      ) : null}
      {preview ? (
        <p className="note">
          This is a preview (a dry run): nothing was applied. It shows what the next sync would do.
        </p>
      ) : null}
      {data.status === 'failed' ? (
        <div className="error-note" role="alert">
          <strong>The sync failed.</strong> {data.errorMessage}{' '}
          {data.errorCode ? <code>({data.errorCode})</code> : null}
        </div>
      ) : null}
      {data.status === 'cancelled' ? (
        <p className="warn-note">
          {(data.errorCode ? CANCEL_WORDS[data.errorCode] : undefined) ?? 'Cancelled'}
          {data.errorMessage ? `: ${data.errorMessage}.` : '.'} Nothing from it was applied.
        </p>
      ) : null}
      {data.status === 'rejected' ? (
        <p className="warn-note">
          Rejected {formatTime(data.decidedAt)}: nothing from this plan was applied.
        </p>
      ) : null}

      {data.status === 'awaiting_approval' ? (
        <ApprovalPanel
          run={data}
          failed={failed}
          isAdmin={isAdmin}
          onDecided={() => run.reload()}
        />
      ) : null}

      <section className="card run-summary" aria-labelledby="run-summary-title">
        <h2 id="run-summary-title">Summary</h2>
        <dl className="stats">
          {COUNT_COLUMNS.map((c) => (
            <div key={c.key} className="stat">
              <dt>{c.label}</dt>
              <dd>{countOf(data, c.key) ?? '—'}</dd>
            </div>
          ))}
          <div className="stat">
            <dt>Unchanged</dt>
            <dd>{countOf(data, 'unchanged') ?? '—'}</dd>
          </div>
        </dl>
        <dl className="facts">
          <div>
            <dt>Started</dt>
            <dd>{formatTime(data.startedAt)}</dd>
          </div>
          <div>
            <dt>Finished</dt>
            <dd>{formatTime(data.finishedAt)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{formatDuration(data.durationMs)}</dd>
          </div>
          <div>
            <dt>People in the HRIS answer</dt>
            <dd>
              {data.plannedAt ? data.snapshotCount : '—'}
              {data.snapshotComplete === false
                ? ' (incomplete: nobody was deactivated as missing)'
                : ''}
            </dd>
          </div>
          {data.decidedAt ? (
            <div>
              <dt>{data.status === 'rejected' ? 'Rejected' : 'Approved'}</dt>
              <dd>{formatTime(data.decidedAt)}</dd>
            </div>
          ) : null}
          {data.appliedAt ? (
            <div>
              <dt>Applied</dt>
              <dd>{formatTime(data.appliedAt)}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      {verdicts.length > 0 ? (
        <section className="card" aria-labelledby="guards-title">
          <h2 id="guards-title">Safety checks</h2>
          <p className="muted small">
            Any failed check pauses the sync for approval before a single learner changes.
          </p>
          <GuardList verdicts={verdicts} />
        </section>
      ) : null}

      <div className="run-columns">
        {coverage.length > 0 ? (
          <section className="card" aria-labelledby="coverage-title">
            <h2 id="coverage-title">Field coverage</h2>
            <p className="muted small">The share of active people with a value.</p>
            <table className="compact-table">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Coverage</th>
                </tr>
              </thead>
              <tbody>
                {coverage.map(([field, percent]) => (
                  <tr key={field}>
                    <th scope="row" className="row-head">
                      {fieldWords(field)}
                    </th>
                    <td>
                      <CoverageBar percent={percent} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
        {usage.length > 0 ? (
          <section className="card" aria-labelledby="usage-title">
            <h2 id="usage-title">API usage</h2>
            <p>{usage.map(([key, n]) => USAGE_WORDS[key]?.(n) ?? `${key}: ${n}`).join(' · ')}</p>
            <p className="muted small">
              Requests Rollcall sent to the HRIS for this sync, with retries and waits the HRIS
              asked for.
            </p>
          </section>
        ) : null}
      </div>

      <RunResults run={data} />
    </>
  );
}

function BackLink() {
  return (
    <p className="back-link">
      <Link to="/sync">← Sync history</Link>
    </p>
  );
}
