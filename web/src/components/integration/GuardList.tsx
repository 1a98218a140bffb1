import { z } from 'zod';
import { GUARD_WORDS } from './words.ts';

/** A guard verdict as the run report stores it (src/sync/guards.ts); `guards` is unknown[] on the wire. */
const verdictSchema = z.object({
  guard: z.string(),
  passed: z.boolean(),
  reason: z.string(),
});

export type GuardVerdict = z.infer<typeof verdictSchema>;

export function parseGuards(guards: readonly unknown[]): GuardVerdict[] {
  return guards.flatMap((guard) => {
    const parsed = verdictSchema.safeParse(guard);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The safety checks of a run, each with its verdict and reason. */
export function GuardList({ verdicts }: { verdicts: readonly GuardVerdict[] }) {
  return (
    <ul className="guard-list">
      {verdicts.map((verdict) => (
        <li key={verdict.guard} className={verdict.passed ? 'guard passed' : 'guard failed'}>
          <span className="guard-icon" aria-hidden="true">
            {verdict.passed ? '✓' : '!'}
          </span>
          <span>
            <strong>{GUARD_WORDS[verdict.guard] ?? verdict.guard}</strong>
            <span className="sr-only">{verdict.passed ? ': passed' : ': stopped the sync'}</span>
            <span className="guard-reason">{verdict.reason}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
