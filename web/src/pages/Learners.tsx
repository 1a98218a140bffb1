import { useEffect, useId, useState } from 'react';
import type { LearnerDto } from '../../../src/contracts/learners.ts';
import { learnerFacetsSchema, learnerPageSchema } from '../../../src/contracts/learners.ts';
import { query, request } from '../api.ts';
import { CsvUploadDialog } from '../components/learners/CsvUploadDialog.tsx';
import {
  SOURCE_LABELS,
  displayName,
  formatDate,
  reasonLabel,
} from '../components/learners/labels.ts';
import { Badge, Button, ErrorNote, Loading, PageHeader, SelectField } from '../components/ui.tsx';
import { useAsync } from '../hooks.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';

const PAGE_SIZE = 50;
const FILTERS = ['q', 'status', 'source', 'department', 'location'] as const;
type Filter = (typeof FILTERS)[number];

/** Filters and the page live in the URL, so Back and shared links keep the list as it was. */
function useListState() {
  const { search } = useLocation();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, search.get(f) ?? ''])) as Record<
    Filter,
    string
  >;
  const page = Math.max(1, Number(search.get('page') ?? '1') || 1);
  const set = (patch: Partial<Record<Filter | 'page', string>>) => {
    const next: Record<string, string> = { ...filters, page: String(page), ...patch };
    if (!('page' in patch)) next['page'] = '1';
    if (next['page'] === '1') delete next['page'];
    navigate(`/learners${query(next)}`, { replace: true });
  };
  return { filters, page, set };
}

export function LearnersPage() {
  const { isAdmin } = useSession();
  const { filters, page, set } = useListState();
  const [uploading, setUploading] = useState(false);
  const learners = useAsync(
    () =>
      request(
        learnerPageSchema,
        'GET',
        `/api/learners${query({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`,
      ),
    [filters.q, filters.status, filters.source, filters.department, filters.location, page],
  );
  const facets = useAsync(() => request(learnerFacetsSchema, 'GET', '/api/learners/facets'), []);
  const filtered = FILTERS.some((f) => filters[f] !== '');

  return (
    <>
      <PageHeader
        title="Learners"
        subtitle="Everyone Rollcall knows, from your HRIS, CSV uploads or added by hand."
        actions={
          isAdmin ? (
            <Button variant="primary" onClick={() => setUploading(true)}>
              Upload CSV
            </Button>
          ) : null
        }
      />
      <div className="card learners-filters" role="search" aria-label="Filter learners">
        <SearchBox value={filters.q} onSearch={(q) => set({ q })} />
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(status) => set({ status })}
          options={[
            { value: '', label: 'Any status' },
            { value: 'active', label: 'Active' },
            { value: 'invited', label: 'Invited' },
            { value: 'deactivated', label: 'Deactivated' },
          ]}
        />
        <SelectField
          label="Source"
          value={filters.source}
          onChange={(source) => set({ source })}
          options={[
            { value: '', label: 'Any source' },
            { value: 'hris', label: 'HRIS' },
            { value: 'csv', label: 'CSV' },
            { value: 'manual', label: 'Manual' },
          ]}
        />
        <SelectField
          label="Department"
          value={filters.department}
          onChange={(department) => set({ department })}
          options={[
            { value: '', label: 'All departments' },
            ...(facets.data?.departments ?? []).map((d) => ({ value: d.value, label: d.value })),
          ]}
        />
        <SelectField
          label="Location"
          value={filters.location}
          onChange={(location) => set({ location })}
          options={[
            { value: '', label: 'All locations' },
            ...(facets.data?.locations ?? []).map((d) => ({ value: d.value, label: d.value })),
          ]}
        />
      </div>
      <ErrorNote error={learners.error} />
      {learners.data ? (
        learners.data.total === 0 ? (
          <EmptyState filtered={filtered} onClear={() => set(clearAll())} />
        ) : (
          <>
            <LearnerTable items={learners.data.items} />
            <Pager
              page={page}
              total={learners.data.total}
              onPage={(p) => set({ page: String(p) })}
            />
          </>
        )
      ) : learners.loading ? (
        <Loading label="Loading learners…" />
      ) : null}
      {isAdmin ? (
        <CsvUploadDialog
          open={uploading}
          onClose={() => setUploading(false)}
          onImported={() => {
            learners.reload();
            facets.reload();
          }}
        />
      ) : null}
    </>
  );
}

function clearAll(): Record<Filter, string> {
  return { q: '', status: '', source: '', department: '', location: '' };
}

/** Typing updates the list after a short pause, not on every key. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = window.setTimeout(() => onSearch(text.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [text]);
  return (
    <div className="field learners-search">
      <label htmlFor={id}>Search learners</label>
      <input
        id={id}
        type="text"
        placeholder="Name or work email"
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onSearch(text.trim());
        }}
      />
    </div>
  );
}

function StatusCell({ learner }: { learner: LearnerDto }) {
  if (learner.status === 'deactivated') {
    return (
      <span className="small">
        {reasonLabel(learner.deactivationReason)}
        <span className="muted"> · {formatDate(learner.deactivatedAt)}</span>
      </span>
    );
  }
  return learner.status === 'invited' ? (
    <Badge tone="info">Invited</Badge>
  ) : (
    <Badge tone="good">Active</Badge>
  );
}

function LearnerTable({ items }: { items: readonly LearnerDto[] }) {
  return (
    <div className="table-wrap">
      <table className="learners-table">
        <caption className="sr-only">Learners</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Department</th>
            <th scope="col">Title</th>
            <th scope="col">Location</th>
            <th scope="col">Manager</th>
            <th scope="col">Status</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {items.map((l) => (
            <tr key={l.id} className={l.status === 'deactivated' ? 'is-deactivated' : undefined}>
              <th scope="row" className="learner-name-cell">
                <span className="learner-name">
                  <Link to={`/learners/${encodeURIComponent(l.id)}`}>{displayName(l)}</Link>
                  {l.status === 'deactivated' ? (
                    <span className="tag-deactivated">Deactivated</span>
                  ) : null}
                </span>
                {l.workEmail && (l.firstName || l.lastName) ? (
                  <span className="learner-email">{l.workEmail}</span>
                ) : null}
              </th>
              <td>{l.department ?? <span className="muted">—</span>}</td>
              <td>{l.jobTitle ?? <span className="muted">—</span>}</td>
              <td>{l.location ?? <span className="muted">—</span>}</td>
              <td>{l.managerName ?? l.managerEmail ?? <span className="muted">—</span>}</td>
              <td>
                <StatusCell learner={l} />
              </td>
              <td>
                <Badge tone={l.source === 'hris' ? 'info' : 'neutral'}>
                  {SOURCE_LABELS[l.source]}
                </Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pager({
  page,
  total,
  onPage,
}: {
  page: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  return (
    <nav className="learners-pager" aria-label="Pages">
      <p className="muted small" aria-live="polite">
        {first > total ? `No learners on page ${page}` : `${first}–${last} of ${total} learners`}
      </p>
      {pages > 1 || page > 1 ? (
        <div className="row">
          <Button onClick={() => onPage(page - 1)} disabled={page <= 1}>
            Previous page
          </Button>
          <Button onClick={() => onPage(page + 1)} disabled={page >= pages}>
            Next page
          </Button>
        </div>
      ) : null}
    </nav>
  );
}

function EmptyState({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  return (
    <div className="card empty-panel">
      {filtered ? (
        <>
          <h2>No learners match these filters</h2>
          <Button onClick={onClear}>Clear filters</Button>
        </>
      ) : (
        <>
          <h2>No learners yet</h2>
          <p className="muted">
            Connect your HRIS under{' '}
            <Link to="/settings/hris">Team settings → HRIS integration</Link> to sync everyone
            automatically, or upload a CSV file for a smaller group.
          </p>
        </>
      )}
    </div>
  );
}
