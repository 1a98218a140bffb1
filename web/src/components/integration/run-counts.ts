import type { z } from 'zod';
import type { runSummarySchema } from '../../../../src/contracts/runs.ts';

type RunSummary = z.infer<typeof runSummarySchema>;

/** The per-action counts a run page and the history table show, in their order. */
export const COUNT_COLUMNS = [
  { key: 'create', label: 'Created' },
  { key: 'update', label: 'Updated' },
  { key: 'deactivate', label: 'Deactivated' },
  { key: 'reactivate', label: 'Reactivated' },
  { key: 'skip', label: 'Skipped' },
  { key: 'error', label: 'Errors' },
] as const;

/** A count from a run's `counts` record; null until the run has planned (no numbers yet). */
export function countOf(run: Pick<RunSummary, 'counts'>, key: string): number | null {
  const value = run.counts[key];
  return typeof value === 'number' ? value : null;
}

export function hasCounts(run: Pick<RunSummary, 'counts'>): boolean {
  return COUNT_COLUMNS.some((c) => countOf(run, c.key) !== null);
}
