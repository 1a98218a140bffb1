/** Says loudly, once per run, which optional parts of the suite are skipped on this machine. */
export default function setup(): void {
  if (!process.env['ROLLCALL_TEST_PG_URL']) {
    process.stderr.write(
      [
        '',
        '  ┌───────────────────────────────────────────────────────────────────────────┐',
        '  │ SKIP: PostgreSQL variant of the store tests (ROLLCALL_TEST_PG_URL unset). │',
        '  │ Run them with ROLLCALL_TEST_PG_URL=postgres://postgres@127.0.0.1/test      │',
        '  └───────────────────────────────────────────────────────────────────────────┘',
        '',
      ].join('\n'),
    );
  }
}
