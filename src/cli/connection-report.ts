import type { ConnectionDto } from '../contracts/connections.ts';
import type { SyncRun } from '../db/repositories/runs.ts';
import type { ProbeResult } from '../sync/probe.ts';
import { printLine, printTable } from './context.ts';
import { printRun } from './run-report.ts';

type RunSummary = NonNullable<ConnectionDto['lastRun']>;

function hris(connection: ConnectionDto): string {
  return `${connection.connectorName}${connection.sandbox ? ' (sandbox)' : ''}`;
}

/** The connections as a table; `--json` prints the status views themselves. */
export function printConnectionTable(connections: ConnectionDto[]): void {
  printTable(
    ['ID', 'HRIS', 'STATUS', 'LAST SYNC', 'NEXT SYNC', 'ERROR'],
    connections.map((c) => [
      c.id,
      hris(c),
      c.status,
      c.lastSuccessAt,
      c.nextSyncAt,
      c.error ? `${c.error.code}: ${c.error.message}` : null,
    ]),
  );
}

/** The status line an admin reads first, with what to do when something is wrong. */
function statusLines(c: ConnectionDto): string[] {
  switch (c.status) {
    case 'synced':
      return [`✓ Synced — last sync ${c.lastSuccessAt ?? 'unknown'}`];
    case 'syncing':
      return [
        `Syncing…${c.activeRun ? ` (run ${c.activeRun.id}, ${c.activeRun.phase ?? 'starting'})` : ''}`,
      ];
    case 'connected':
      return [
        c.activeRun
          ? `Connected — first sync queued (run ${c.activeRun.id}); it runs in \`rollcall start\` or with \`rollcall connections resync\``
          : 'Connected — not synced yet',
      ];
    case 'error':
      return [
        `✗ Error: ${c.error?.message ?? 'unknown error'}${c.error ? ` [${c.error.code}]` : ''}`,
        ...(c.error ? [`  What to do: ${c.error.action}`] : []),
      ];
    case 'awaiting_approval':
      return [
        'Awaiting approval — the last sync paused before applying its plan',
        ...(c.lastRun
          ? [
              `  Review with \`rollcall runs show ${c.lastRun.id}\`, then \`rollcall runs approve ${c.lastRun.id}\` or \`reject\``,
            ]
          : []),
      ];
    case 'disconnected':
      return [
        `Disconnected ${c.disconnectedAt ?? ''} — credentials deleted, no more syncs; learners and history kept`,
      ];
  }
}

function countsLine(run: RunSummary): string {
  const num = (key: string): number => {
    const value = run.counts[key];
    return typeof value === 'number' ? value : 0;
  };
  return (
    `${num('create')} created, ${num('update')} updated, ${num('deactivate')} deactivated, ` +
    `${num('reactivate')} reactivated, ${num('unchanged')} unchanged, ${num('error')} error(s)`
  );
}

/** One connection's status view for humans. */
export function printConnection(c: ConnectionDto): void {
  printLine(`${hris(c)} — connection ${c.id}`);
  for (const line of statusLines(c)) printLine(line);
  printLine(`  Connected ${c.createdAt}${c.connectedBy ? ` by ${c.connectedBy}` : ''}`);
  if (c.lastRun) {
    const run = c.lastRun;
    printLine(
      `  Last run ${run.id} (${run.mode}, ${run.trigger}): ${run.status}` +
        (run.errorCode ? ` — ${run.errorCode}: ${run.errorMessage ?? ''}` : ''),
    );
    printLine(`    ${countsLine(run)}`);
  }
  if (c.status !== 'disconnected') printLine(`  Next sync: ${c.nextSyncAt ?? 'not scheduled'}`);
  if (!c.hasCredentials && c.status !== 'disconnected') printLine('  ⚠ no stored credentials');
}

/** A probe for humans: what came back, with which coverage, and the warnings. */
export function printProbe(vendor: string, result: ProbeResult): void {
  if (!result.ok) {
    printLine(
      `✗ ${vendor} refused the connection test: ${result.error.message} [${result.error.code}]`,
    );
    return;
  }
  const { active, pending, terminated } = result.byStatus;
  printLine(
    `✓ ${vendor} answered: ${result.sampled} people read${result.complete ? ' (the whole directory)' : ' (a sample)'} — ` +
      `${active} active, ${pending} pending, ${terminated} terminated; ${result.recordErrors} unreadable record(s)`,
  );
  printTable(
    ['FIELD', 'RETURNED', 'COVERAGE (ACTIVE)'],
    result.fields.map((f) => [f.field, f.returned ? 'yes' : 'no', `${f.coverage}%`]),
  );
  for (const warning of result.warnings) printLine(`⚠ ${warning}`);
}

/** What became of a new connection's first sync: its report, or where it is. */
export function printFirstSync(outcome: 'ran' | 'busy' | 'gone' | 'skipped', run: SyncRun): void {
  if (outcome === 'ran') return printRun(run);
  if (outcome === 'busy') {
    printLine(
      `The first sync (run ${run.id}) is already running in a server (\`rollcall start\`); follow it with \`rollcall connections show\`.`,
    );
  } else if (outcome === 'gone') {
    printLine(
      `The first sync (run ${run.id}) was taken or cancelled elsewhere; see \`rollcall runs show ${run.id}\`.`,
    );
  } else {
    printLine(
      `The first sync (run ${run.id}) is queued: \`rollcall start\` runs it, or sync now with \`rollcall connections resync\`.`,
    );
  }
}
