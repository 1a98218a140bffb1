import type { KeyboardEvent } from 'react';
import { useId, useRef, useState } from 'react';
import type { z } from 'zod';
import type { runSchema } from '../../../../src/contracts/runs.ts';
import { runResultPageSchema } from '../../../../src/contracts/runs.ts';
import { query, request } from '../../api.ts';
import { useAsync } from '../../hooks.ts';
import { Link } from '../../router.tsx';
import { Badge, Button, ErrorNote, Loading } from '../ui.tsx';
import { countOf } from './run-counts.ts';
import {
  ACTION_SINGULAR,
  ACTION_TONES,
  ACTION_WORDS,
  fieldWords,
  noteWords,
  reasonWords,
} from './words.ts';

type Run = z.infer<typeof runSchema>;
type Action = keyof typeof ACTION_WORDS;
type Filter = 'all' | Action;

const PAGE_SIZE = 50;
const FILTERS: readonly Filter[] = ['all', ...(Object.keys(ACTION_WORDS) as Action[])];

function filterLabel(filter: Filter): string {
  return filter === 'all' ? 'All' : ACTION_WORDS[filter];
}

/** The per-person results of a run, by action (tabs), paged. */
export function RunResults({ run }: { run: Run }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [offset, setOffset] = useState(0);
  const tabsId = useId();
  const tabRefs = useRef(new Map<Filter, HTMLButtonElement>());
  const results = useAsync(
    () =>
      request(
        runResultPageSchema,
        'GET',
        `/api/runs/${encodeURIComponent(run.id)}/results${query({
          action: filter === 'all' ? undefined : filter,
          limit: PAGE_SIZE,
          offset,
        })}`,
      ),
    // A run that moves on (planned, approved) has new results: load them again.
    [run.id, run.status, run.phase, filter, offset],
  );

  const count = (filter: Filter): number | null => {
    if (filter !== 'all') return countOf(run, filter);
    const numbers = FILTERS.slice(1).map((f) => countOf(run, f));
    return numbers.every((n) => n === null)
      ? null
      : numbers.reduce<number>((a, n) => a + (n ?? 0), 0);
  };

  const choose = (next: Filter) => {
    setFilter(next);
    setOffset(0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = FILTERS.indexOf(filter);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % FILTERS.length;
    if (event.key === 'ArrowLeft') next = (index - 1 + FILTERS.length) % FILTERS.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = FILTERS.length - 1;
    if (next === null) return;
    event.preventDefault();
    const target = FILTERS[next] ?? 'all';
    choose(target);
    tabRefs.current.get(target)?.focus();
  };

  const page = results.data;
  const total = page?.total ?? 0;
  return (
    <section className="run-results" aria-labelledby={`${tabsId}-title`}>
      <h2 id={`${tabsId}-title`}>People</h2>
      <div role="tablist" aria-label="Filter people by result" className="tabs">
        {FILTERS.map((f) => {
          const n = count(f);
          const selected = f === filter;
          return (
            <button
              key={f}
              ref={(el) => {
                if (el) tabRefs.current.set(f, el);
                else tabRefs.current.delete(f);
              }}
              type="button"
              role="tab"
              id={`${tabsId}-tab-${f}`}
              aria-selected={selected}
              aria-controls={`${tabsId}-panel`}
              tabIndex={selected ? 0 : -1}
              className={n === 0 && !selected ? 'tab tab-empty' : 'tab'}
              onClick={() => choose(f)}
              onKeyDown={onKeyDown}
            >
              {filterLabel(f)}
              {n !== null ? <span className="tab-count">{n}</span> : null}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={`${tabsId}-panel`}
        aria-labelledby={`${tabsId}-tab-${filter}`}
        className="tab-panel"
      >
        <ErrorNote error={results.error} />
        {results.loading && !page ? <Loading /> : null}
        {page && page.items.length === 0 ? (
          <p className="muted empty-results">
            {run.status === 'queued' || run.status === 'running'
              ? 'Results appear once the sync has compared the HRIS with your learners.'
              : filter === 'all'
                ? 'Nobody in this run.'
                : `Nobody ${filterLabel(filter).toLowerCase()} in this run.`}
          </p>
        ) : null}
        {page && page.items.length > 0 ? (
          <>
            <div className="table-wrap">
              <table className="results-table">
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Result</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Changed fields</th>
                  </tr>
                </thead>
                <tbody aria-busy={results.loading}>
                  {page.items.map((item) => (
                    <tr key={item.position}>
                      <td>
                        <span className="person-name">
                          {item.learnerId ? (
                            <Link to={`/learners/${encodeURIComponent(item.learnerId)}`}>
                              {item.displayName ?? item.workEmail ?? item.externalId ?? 'Unnamed'}
                            </Link>
                          ) : (
                            (item.displayName ?? item.workEmail ?? item.externalId ?? 'Unnamed')
                          )}
                        </span>
                        {item.workEmail && item.displayName ? (
                          <span className="person-email">{item.workEmail}</span>
                        ) : null}
                      </td>
                      <td>
                        <Badge tone={ACTION_TONES[item.action]}>
                          {ACTION_SINGULAR[item.action]}
                        </Badge>
                        {item.invite ? (
                          <>
                            {' '}
                            <Badge tone="info">Invited</Badge>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {reasonWords(item.reason) ?? <span className="muted">—</span>}
                        {item.note ? (
                          <span className="result-note">{noteWords(item.note)}</span>
                        ) : null}
                      </td>
                      <td>
                        {item.changedFields && item.changedFields.length > 0 ? (
                          item.changedFields.map(fieldWords).join(', ')
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav className="pager" aria-label="Result pages">
              <Button
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
              >
                Previous
              </Button>
              <span className="muted small" aria-live="polite">
                {offset + 1}–{offset + page.items.length} of {total}
              </span>
              <Button
                disabled={offset + page.items.length >= total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                Next
              </Button>
            </nav>
          </>
        ) : null}
      </div>
    </section>
  );
}
