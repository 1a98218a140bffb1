import { CHROMIUM_PATH, chromiumInstalled } from './e2e/chromium.ts';

function banner(lines: readonly string[]): void {
  const width = Math.max(...lines.map((line) => line.length));
  process.stderr.write(
    [
      '',
      `  ┌─${'─'.repeat(width)}─┐`,
      ...lines.map((line) => `  │ ${line.padEnd(width)} │`),
      `  └─${'─'.repeat(width)}─┘`,
      '',
    ].join('\n'),
  );
}

/** Says loudly, once per run, which optional parts of the suite are skipped on this machine. */
export default function setup(): void {
  if (!process.env['ROLLCALL_TEST_PG_URL']) {
    banner([
      'SKIP: PostgreSQL variant of the store tests (ROLLCALL_TEST_PG_URL unset).',
      'Run them with ROLLCALL_TEST_PG_URL=postgres://postgres@127.0.0.1/test',
    ]);
  }
  if (!chromiumInstalled()) {
    banner([
      `SKIP: the browser suite (npm run test:e2e): no Chromium at ${CHROMIUM_PATH}.`,
      'Install it with apt-get install -y chromium; .ci/run does, then runs the suite.',
    ]);
  }
}
