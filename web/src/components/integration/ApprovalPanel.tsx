import { useState } from 'react';
import type { z } from 'zod';
import { runSchema } from '../../../../src/contracts/runs.ts';
import { request } from '../../api.ts';
import { Button, Dialog, ErrorNote, formatTime } from '../ui.tsx';
import type { GuardVerdict } from './GuardList.tsx';
import { COUNT_COLUMNS, countOf } from './run-counts.ts';
import { GUARD_WORDS } from './words.ts';

type Run = z.infer<typeof runSchema>;

/** How long a paused plan stays approvable (src/sync/phases.ts APPROVAL_WINDOW_MS). */
const APPROVAL_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * A run paused by a safety check: the guard's reason first, what approving would apply, the
 * 24-hour / "no other run applied since" rule, and Approve / Reject for admins.
 */
export function ApprovalPanel({
  run,
  failed,
  isAdmin,
  onDecided,
}: {
  run: Run;
  failed: readonly GuardVerdict[];
  isAdmin: boolean;
  onDecided: (run: Run | null) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const plannedAt = run.plannedAt ?? run.createdAt;
  const deadline = new Date(new Date(plannedAt).getTime() + APPROVAL_WINDOW_MS).toISOString();
  const summary = COUNT_COLUMNS.flatMap((c) => {
    const n = countOf(run, c.key);
    return n ? [`${n} ${c.label.toLowerCase()}`] : [];
  });

  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(decision);
    setError(null);
    try {
      const decided = await request(
        runSchema,
        'POST',
        `/api/runs/${encodeURIComponent(run.id)}/${decision}`,
      );
      setConfirming(false);
      onDecided(decided);
    } catch (e) {
      setConfirming(false);
      setError(e);
      // A stale plan is cancelled by the refusal: show the run as it is now.
      onDecided(null);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="approval" aria-labelledby="approval-title">
      <h2 id="approval-title">Paused: this sync needs approval</h2>
      {failed.map((verdict) => (
        <p key={verdict.guard} className="approval-reason">
          <strong>{GUARD_WORDS[verdict.guard] ?? verdict.guard}:</strong> {verdict.reason}
        </p>
      ))}
      <p>
        Nothing has changed for any learner yet. Approving applies exactly this plan
        {summary.length > 0 ? ` (${summary.join(', ')})` : ''}, as listed under People below.
        Rejecting applies nothing, and the next sync makes a new plan.
      </p>
      <p className="small approval-rule">
        A paused plan can be approved for 24 hours after it was made (until {formatTime(deadline)}
        ), and only while no other sync has been applied since. After that, resync to get a fresh
        plan.
      </p>
      {isAdmin ? (
        <div className="row">
          <Button variant="primary" disabled={busy !== null} onClick={() => setConfirming(true)}>
            Approve
          </Button>
          <Button
            busy={busy === 'reject'}
            disabled={busy !== null}
            onClick={() => void decide('reject')}
          >
            Reject
          </Button>
        </div>
      ) : (
        <p className="small">An admin of your team can approve or reject it.</p>
      )}
      <ErrorNote error={error} />
      <Dialog
        open={confirming}
        title="Apply this sync?"
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
            <Button
              variant="primary"
              busy={busy === 'approve'}
              onClick={() => void decide('approve')}
            >
              Approve and apply
            </Button>
          </>
        }
      >
        <p>
          Rollcall applies the plan made {formatTime(plannedAt)}
          {summary.length > 0 ? `: ${summary.join(', ')}` : ''}.
        </p>
        {countOf(run, 'deactivate') ? (
          <p>
            Deactivated learners lose platform access and are removed from future classes and
            follow-ups; their history stays for reports.
          </p>
        ) : null}
      </Dialog>
    </section>
  );
}
