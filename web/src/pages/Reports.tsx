import type { z } from 'zod';
import type { REPORT_GROUPINGS } from '../../../src/contracts/reports.ts';
import { attendanceReportSchema } from '../../../src/contracts/reports.ts';
import { request } from '../api.ts';
import { ErrorNote, Loading, PageHeader, formatTime } from '../components/ui.tsx';
import { useAsync } from '../hooks.ts';
import { navigate, useLocation } from '../router.tsx';

type Grouping = (typeof REPORT_GROUPINGS)[number];
type Row = z.output<typeof attendanceReportSchema>['rows'][number];

const GROUPINGS: readonly { value: Grouping; label: string; none: string }[] = [
  { value: 'department', label: 'Department', none: 'No department' },
  { value: 'location', label: 'Location', none: 'No location' },
  { value: 'program', label: 'Program', none: 'No program' },
];

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

export function ReportsPage() {
  const { search } = useLocation();
  const requested = search.get('groupBy');
  const grouping = GROUPINGS.find((g) => g.value === requested) ?? GROUPINGS[0];
  const groupBy = grouping?.value ?? 'department';
  const report = useAsync(
    () => request(attendanceReportSchema, 'GET', `/api/reports/attendance?groupBy=${groupBy}`),
    [groupBy],
  );
  const rows = report.data?.rows ?? [];
  const totals = rows.reduce(
    (t, r) => ({
      attended: t.attended + r.attended,
      absent: t.absent + r.absent,
      deactivated: t.deactivated + r.deactivatedLearners,
    }),
    { attended: 0, absent: 0, deactivated: 0 },
  );
  const overall =
    totals.attended + totals.absent === 0
      ? null
      : totals.attended / (totals.attended + totals.absent);

  return (
    <>
      <PageHeader
        title="Reports"
        subtitle="Attendance in past classes, by department, location or program."
      />
      <div className="report-toolbar">
        <div className="segmented" role="group" aria-label="Group by">
          {GROUPINGS.map((g) => (
            <button
              key={g.value}
              type="button"
              className={g.value === groupBy ? 'segment active' : 'segment'}
              aria-pressed={g.value === groupBy}
              onClick={() => navigate(`/reports?groupBy=${g.value}`, { replace: true })}
            >
              By {g.label.toLowerCase()}
            </button>
          ))}
        </div>
        {report.data ? (
          <p className="muted small">Updated {formatTime(report.data.generatedAt)}</p>
        ) : null}
      </div>
      <p className="note report-note">
        Deactivated learners stay in reports: their past attendance is part of your history. When
        someone leaves, only their upcoming classes are removed, so attendance rates stay true.
      </p>
      <ErrorNote error={report.error} />
      {report.data ? (
        rows.length === 0 ? (
          <div className="card empty-panel">
            <h2>Nothing to report yet</h2>
            <p className="muted">Attendance shows up here once classes have taken place.</p>
          </div>
        ) : (
          <>
            <dl className="report-summary">
              <div>
                <dt>Overall attendance</dt>
                <dd>{percent(overall)}</dd>
              </div>
              <div>
                <dt>Sessions attended</dt>
                <dd>{totals.attended}</dd>
              </div>
              <div>
                <dt>Sessions missed</dt>
                <dd>{totals.absent}</dd>
              </div>
            </dl>
            <ReportTable rows={rows} grouping={grouping ?? GROUPINGS[0]} />
          </>
        )
      ) : report.loading ? (
        <Loading label="Loading report…" />
      ) : null}
    </>
  );
}

function ReportTable({
  rows,
  grouping,
}: {
  rows: readonly Row[];
  grouping: (typeof GROUPINGS)[number] | undefined;
}) {
  return (
    <div className="table-wrap">
      <table className="report-table">
        <caption className="sr-only">
          Attendance by {grouping?.label.toLowerCase() ?? 'group'}
        </caption>
        <thead>
          <tr>
            <th scope="col">{grouping?.label ?? 'Group'}</th>
            <th scope="col" className="num">
              Learners
            </th>
            <th scope="col" className="num">
              Of whom deactivated
            </th>
            <th scope="col" className="num">
              Past sessions
            </th>
            <th scope="col" className="num">
              Attended
            </th>
            <th scope="col" className="num">
              Absent
            </th>
            <th scope="col">Attendance rate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.group ?? '\u0000none'}>
              <th scope="row" className={r.group === null ? 'muted' : undefined}>
                {r.group ?? grouping?.none ?? 'None'}
              </th>
              <td className="num">{r.learners}</td>
              <td className="num">{r.deactivatedLearners}</td>
              <td className="num">{r.pastSessions}</td>
              <td className="num">{r.attended}</td>
              <td className="num">{r.absent}</td>
              <td>
                <span className="rate">
                  <span className="rate-bar" aria-hidden="true">
                    <span style={{ width: `${Math.round((r.attendanceRate ?? 0) * 100)}%` }} />
                  </span>
                  <span className="rate-value">{percent(r.attendanceRate)}</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
