import type { ReactNode } from 'react';
import type { LearnerDetail } from '../../../../src/contracts/learners.ts';
import { Badge, formatTime } from '../ui.tsx';
import { PROFILE_FIELDS, SOURCE_LABELS, formatDate, reasonLabel } from './labels.ts';

const EMPLOYMENT_LABELS: Record<string, string> = {
  active: 'Active',
  pending: 'Pending (starts later)',
  terminated: 'Terminated',
};

/** Every standard field with where its value came from (HRIS, CSV or by hand) and when. */
export function ProfileTable({ detail }: { detail: LearnerDetail }) {
  const { learner, provenance } = detail;
  return (
    <div className="table-wrap">
      <table className="profile-table">
        <caption className="sr-only">Profile fields and where they came from</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
            <th scope="col" className="nowrap">
              Set by
            </th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {PROFILE_FIELDS.map(([field, label]) => {
            const value = learner[field];
            const origin = provenance[field];
            const shown =
              value === null
                ? null
                : field === 'startDate' || field === 'terminationDate'
                  ? formatDate(value)
                  : field === 'employmentStatus'
                    ? (EMPLOYMENT_LABELS[value] ?? value)
                    : String(value);
            return (
              <tr key={field}>
                <th scope="row">{label}</th>
                <td className={shown === null ? 'muted' : undefined}>{shown ?? '—'}</td>
                <td className="nowrap">
                  {origin ? (
                    <Badge tone={origin.source === 'hris' ? 'info' : 'neutral'}>
                      {SOURCE_LABELS[origin.source]}
                    </Badge>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="small muted nowrap">{origin ? formatTime(origin.at) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function membershipText(membership: LearnerDetail['membership']): string {
  if (!membership) return 'None';
  if (membership.status === 'active') return `Active since ${formatDate(membership.startedAt)}`;
  return `Ended ${formatDate(membership.endedAt)} (${reasonLabel(membership.endedReason).toLowerCase()})`;
}

/** Status, platform access, invite, membership and source, at a glance. */
export function StatusCard({ detail }: { detail: LearnerDetail }) {
  const { learner, membership } = detail;
  const deactivated = learner.status === 'deactivated';
  const rows: [string, ReactNode][] = [
    [
      'Status',
      deactivated ? (
        <Badge tone="bad">Deactivated</Badge>
      ) : learner.status === 'invited' ? (
        <Badge tone="info">Invited</Badge>
      ) : (
        <Badge tone="good">Active</Badge>
      ),
    ],
    ...(deactivated
      ? ([
          ['Reason', reasonLabel(learner.deactivationReason)],
          ['Since', formatTime(learner.deactivatedAt)],
        ] as [string, ReactNode][])
      : []),
    ['Platform access', learner.platformAccess ? 'Yes' : 'No, access revoked'],
    ['Platform invite', learner.invitedAt ? `Sent ${formatTime(learner.invitedAt)}` : 'Not sent'],
    ['Membership', membershipText(membership)],
    [
      'Source',
      <>
        <Badge tone={learner.source === 'hris' ? 'info' : 'neutral'}>
          {SOURCE_LABELS[learner.source]}
        </Badge>
        {learner.externalId ? (
          <span className="muted small"> HRIS record {learner.externalId}</span>
        ) : null}
      </>,
    ],
    ['Added', formatTime(learner.createdAt)],
    ['Last change', formatTime(learner.updatedAt)],
  ];
  return (
    <section className="card" aria-labelledby="learner-status-title">
      <h2 id="learner-status-title">Status and access</h2>
      <dl className="learner-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {deactivated ? (
        <p className="note small">
          Their platform access is revoked and any membership ended; they were taken off upcoming
          classes and follow-up lists. Their past attendance stays in your reports.
        </p>
      ) : null}
    </section>
  );
}

/** Programs the learner takes part in and the classes they were enrolled in. */
export function ProgramsAndClasses({ detail, now }: { detail: LearnerDetail; now: string }) {
  return (
    <section className="card" aria-labelledby="learner-programs-title">
      <h2 id="learner-programs-title">Programs and classes</h2>
      {detail.programs.length === 0 ? (
        <p className="muted">Not part of any program.</p>
      ) : (
        <table>
          <caption className="sr-only">Programs</caption>
          <thead>
            <tr>
              <th scope="col">Program</th>
              <th scope="col">Status</th>
              <th scope="col">Invited</th>
              <th scope="col">Enrolled</th>
            </tr>
          </thead>
          <tbody>
            {detail.programs.map((p) => (
              <tr key={p.programId}>
                <th scope="row">{p.programName}</th>
                <td>
                  <Badge tone={p.status === 'enrolled' ? 'good' : 'info'}>
                    {p.status === 'enrolled' ? 'Enrolled' : 'Invited'}
                  </Badge>
                </td>
                <td className="small">{formatDate(p.invitedAt)}</td>
                <td className="small">{formatDate(p.enrolledAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Classes</h3>
      {detail.classes.length === 0 ? (
        <p className="muted">No class enrollments.</p>
      ) : (
        <table>
          <caption className="sr-only">Classes</caption>
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col">Program</th>
              <th scope="col">Date</th>
              <th scope="col">Attendance</th>
            </tr>
          </thead>
          <tbody>
            {detail.classes.map((c) => (
              <tr key={c.classId}>
                <th scope="row">{c.title}</th>
                <td>{c.programName}</td>
                <td className="small">{formatTime(c.startsAt)}</td>
                <td>
                  {c.attendance === 'attended' ? (
                    <Badge tone="good">Attended</Badge>
                  ) : c.attendance === 'absent' ? (
                    <Badge tone="warn">Absent</Badge>
                  ) : c.startsAt > now ? (
                    <span className="muted small">Upcoming</span>
                  ) : (
                    <span className="muted small">Not recorded</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
