import type { RunResult } from '../db/repositories/run-results.ts';
import type { SyncRun } from '../db/repositories/runs.ts';
import { printLine, printTable } from './context.ts';

/** A human summary of a run; `--json` prints the run itself. */
export function printRun(run: SyncRun): void {
  const counts = run.counts;
  const num = (key: string): number => {
    const value = counts[key];
    return typeof value === 'number' ? value : 0;
  };
  printLine(
    `Run ${run.id} (${run.mode}, ${run.trigger}): ${run.status}${run.errorCode ? ` — ${run.errorCode}: ${run.errorMessage ?? ''}` : ''}`,
  );
  if (run.plannedAt) {
    printLine(
      `  ${run.snapshotCount} record(s) from the HRIS${run.snapshotComplete === false ? ' (incomplete)' : ''}: ` +
        `${num('create')} created, ${num('update')} updated, ${num('deactivate')} deactivated, ` +
        `${num('reactivate')} reactivated, ${num('unchanged')} unchanged, ${num('skip')} skipped, ${num('error')} error(s)`,
    );
  }
  for (const verdict of run.guards as { guard: string; passed: boolean; reason: string }[]) {
    if (!verdict.passed) printLine(`  ⚠ ${verdict.guard}: ${verdict.reason}`);
  }
  if (run.apiUsage) {
    const u = run.apiUsage;
    printLine(
      `  API: ${u['calls'] ?? 0} call(s), ${u['retries'] ?? 0} retr(ies), ${u['throttled'] ?? 0} throttled, waited ${u['waitedMs'] ?? 0} ms`,
    );
  }
  if (run.durationMs !== null) printLine(`  took ${(run.durationMs / 1000).toFixed(1)} s`);
}

export function printResults(results: RunResult[]): void {
  printTable(
    ['#', 'ACTION', 'REASON', 'PERSON', 'EMAIL', 'CHANGED'],
    results.map((r) => [
      r.position,
      r.action,
      r.reason,
      r.displayName,
      r.workEmail,
      r.changedFields?.join(','),
    ]),
  );
}

/** A one-line progress indicator on stderr (TTY only). */
export function progressPrinter(): (p: { phase: string; done: number; total?: number }) => void {
  return (p) => {
    const total = p.total ? ` / ${p.total.toLocaleString('en')}` : '';
    process.stderr.write(`\r${p.phase.padEnd(6)} ${p.done.toLocaleString('en')}${total}   `);
  };
}
