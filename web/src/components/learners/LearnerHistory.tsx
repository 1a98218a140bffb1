import type { LearnerHistory, LearnerHistoryEntry } from '../../../../src/contracts/learners.ts';
import { Button, ErrorNote, Loading, formatTime } from '../ui.tsx';
import { fieldLabel, reasonLabel } from './labels.ts';

function byLine(by: LearnerHistoryEntry['by']): string {
  switch (by.origin) {
    case 'user':
      return by.name ?? 'an admin';
    case 'token':
      return by.name ? `API token “${by.name}”` : 'an API token';
    case 'cli':
      return 'the command line';
    case 'hris_sync':
      return by.name ? `HRIS sync (${by.name})` : 'HRIS sync';
    case 'csv_import':
      return by.name ? `CSV upload by ${by.name}` : 'CSV upload';
    case 'system':
      return 'Rollcall';
  }
}

function title(entry: LearnerHistoryEntry): string {
  const program = entry.program?.name ?? 'a program';
  const cls = entry.class?.title ?? 'a class';
  switch (entry.action) {
    case 'learner.created':
      return 'Added to Rollcall';
    case 'learner.updated':
      return entry.changes.length === 1 ? 'Profile updated: 1 field' : 'Profile updated';
    case 'learner.linked':
      return 'Linked to their HRIS record';
    case 'learner.deactivated':
      return `Deactivated: ${reasonLabel(entry.reason)}`;
    case 'learner.reactivated':
      return 'Reactivated';
    case 'learner.invited':
      return entry.program ? `Invited to ${program}` : 'Platform invite sent';
    case 'membership.activated':
      return 'Membership activated';
    case 'membership.ended':
      return `Membership ended: ${reasonLabel(entry.reason)}`;
    case 'class.enrolled':
      return `Enrolled in ${cls}`;
    case 'class.attendance_recorded':
      return `Marked ${entry.attendance ?? 'present'} in ${cls}`;
    case 'program.follow_up_added':
      return `Added to the follow-up list of ${program}`;
    case 'program.follow_up_removed':
      return `Taken off the follow-up list of ${program}`;
    default:
      return entry.action;
  }
}

function effectsLine(effects: LearnerHistoryEntry['effects']): string | null {
  if (!effects) return null;
  const parts: string[] = [];
  if (effects.membershipEnded) parts.push('membership ended');
  if (effects.futureEnrollmentsRemoved)
    parts.push(
      `removed from ${effects.futureEnrollmentsRemoved} upcoming class${effects.futureEnrollmentsRemoved === 1 ? '' : 'es'}`,
    );
  if (effects.followUpsRemoved)
    parts.push(
      `taken off ${effects.followUpsRemoved} follow-up list${effects.followUpsRemoved === 1 ? '' : 's'}`,
    );
  if (effects.membershipRestored) parts.push('membership restored');
  if (parts.length === 0) return null;
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

function Changes({ entry }: { entry: LearnerHistoryEntry }) {
  if (entry.changes.length === 0) return null;
  if (entry.action === 'learner.created') {
    return (
      <p className="timeline-detail">
        With {entry.changes.map((c) => fieldLabel(c.field).toLowerCase()).join(', ')}.
      </p>
    );
  }
  return (
    <ul className="timeline-changes">
      {entry.changes.map((c) => (
        <li key={c.field}>
          <span className="timeline-field">{fieldLabel(c.field)}</span>{' '}
          {c.from !== undefined ? (
            <>
              <span className="timeline-old">{c.from ?? 'empty'}</span>
              <span aria-hidden="true"> → </span>
              <span className="sr-only"> changed to </span>
            </>
          ) : (
            <span className="muted">set to </span>
          )}
          <span className="timeline-new">{c.to ?? 'empty'}</span>
        </li>
      ))}
    </ul>
  );
}

/** The learner's history, newest first; older entries load on request. */
export function LearnerHistoryList({
  history,
  error,
  loading,
  onMore,
}: {
  history: LearnerHistory | undefined;
  error: unknown;
  loading: boolean;
  onMore: () => void;
}) {
  if (!history) return loading ? <Loading label="Loading history…" /> : <ErrorNote error={error} />;
  if (history.items.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <>
      <ol className="timeline">
        {history.items.map((entry) => {
          const effects = effectsLine(entry.effects);
          return (
            <li key={entry.id} className={`timeline-item timeline-${entry.action.split('.')[0]}`}>
              <div className="timeline-head">
                <span className="timeline-title">{title(entry)}</span>
                <time dateTime={entry.at} className="muted small">
                  {formatTime(entry.at)}
                </time>
              </div>
              <p className="timeline-by">By {byLine(entry.by)}</p>
              <Changes entry={entry} />
              {effects ? <p className="timeline-detail">{effects}</p> : null}
            </li>
          );
        })}
      </ol>
      <ErrorNote error={error} />
      {history.hasMore ? (
        <Button variant="ghost" onClick={onMore} busy={loading}>
          Show older entries
        </Button>
      ) : null}
    </>
  );
}
