import type { z } from 'zod';
import { probeResultSchema } from '../../../../src/contracts/connections.ts';
import { ApiError, messageOf } from '../../api.ts';
import { Badge } from '../ui.tsx';
import { CoverageBar } from './CoverageBar.tsx';
import { fieldWords } from './words.ts';

type ProbeResult = z.infer<typeof probeResultSchema>;
export type ProbeSuccess = Extract<ProbeResult, { ok: true }>;

/** A failed test, whichever way it came: a probe answer, a 422 HRIS_PROBE_FAILED, or another error. */
export interface ProbeFailureInfo {
  code: string;
  message: string;
}

export function probeFailureOf(error: unknown): ProbeFailureInfo {
  if (error instanceof ApiError) {
    const probe = probeResultSchema.safeParse(error.details);
    if (probe.success && !probe.data.ok) return probe.data.error;
    return { code: error.code, message: error.message };
  }
  return { code: 'unknown', message: messageOf(error) };
}

/** What the admin can do about a failed test, by connector error code. */
function advice(code: string, name: string): string {
  switch (code) {
    case 'auth_failed':
      return `${name} refused these credentials. Check the key or token (and that its user is still active), then test again.`;
    case 'forbidden':
      return `The credentials work but cannot read the employee directory. Give the user the permissions the setup instructions list, then test again.`;
    case 'not_found':
      return `${name} did not find this account. Check the company domain or account id.`;
    case 'network':
      return `Rollcall could not reach ${name}. Check the company domain (and the base URL, if you set one), and that this server can reach the internet.`;
    case 'timeout':
    case 'unavailable':
    case 'truncated':
      return `${name} did not answer properly. Wait a minute and test again.`;
    case 'rate_limited':
      return `${name} asked Rollcall to slow down. Wait a minute and test again.`;
    case 'host_not_allowed':
      return `The base URL is not an address of ${name}. Leave it empty unless you use a proxy.`;
    case 'bad_request':
    case 'VALIDATION_FAILED':
      return 'Some values were refused. Check every field against the setup instructions.';
    case 'invalid_payload':
      return `${name} answered with data Rollcall could not read. If it persists, contact support.`;
    case 'CONFLICT':
      return 'Disconnect the current HRIS first: a team has one HRIS connection at a time.';
    default:
      return 'Check the values and test again.';
  }
}

export function ProbeFailure({ failure, name }: { failure: ProbeFailureInfo; name: string }) {
  return (
    <div className="probe-failure" id="probe-failure" role="alert">
      <p className="probe-failure-title">
        <span aria-hidden="true">✕ </span>The connection test failed
      </p>
      <p>{advice(failure.code, name)}</p>
      <p className="small">
        Details: {failure.message} <code>({failure.code})</code>
      </p>
    </div>
  );
}

/** Fields that matter most: without them a learner cannot be created or matched. */
const ESSENTIAL = ['firstName', 'lastName', 'workEmail'];

/** Coverage counts active people, who have no termination date: empty there is expected. */
const LEAVERS_ONLY = ['terminationDate'];

/** A passed test: who was read, by status; which provided fields came back, with coverage. */
export function ProbeReport({ probe, name }: { probe: ProbeSuccess; name: string }) {
  const missingEssential = probe.fields.filter((f) => ESSENTIAL.includes(f.field) && !f.returned);
  return (
    <section className="probe-report" aria-labelledby="probe-report-title">
      <h3 id="probe-report-title" className="probe-ok">
        <span aria-hidden="true">✓ </span>
        {name} answered
      </h3>
      <p>
        {probe.sampled} {probe.sampled === 1 ? 'person' : 'people'} read: {probe.byStatus.active}{' '}
        active, {probe.byStatus.pending} starting later, {probe.byStatus.terminated} who left.
      </p>
      {!probe.complete ? (
        <p className="warn-note">
          Only part of the directory came back. Rollcall never deactivates anyone on an incomplete
          answer, but check the user's permissions.
        </p>
      ) : null}
      {probe.recordErrors > 0 ? (
        <p className="warn-note">
          {probe.recordErrors} record(s) could not be read; each will show as an error in the sync
          results.
        </p>
      ) : null}
      {missingEssential.length > 0 ? (
        <p className="warn-note">
          {missingEssential.map((f) => fieldWords(f.field)).join(', ')} did not come back: those
          people cannot become learners. Check the user's field permissions.
        </p>
      ) : null}
      {probe.warnings.length > 0 ? (
        <ul className="warn-note probe-warnings" aria-label="Warnings">
          {probe.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
      <table className="compact-table">
        <caption>Fields that came back, and the share of active people who have them</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Came back</th>
            <th scope="col">Coverage</th>
          </tr>
        </thead>
        <tbody>
          {probe.fields.map((field) => (
            <tr key={field.field}>
              <th scope="row" className="row-head">
                {fieldWords(field.field)}
              </th>
              <td>
                {field.returned ? (
                  <Badge tone="good">✓ Returned</Badge>
                ) : LEAVERS_ONLY.includes(field.field) ? (
                  <Badge>Only for people who left</Badge>
                ) : (
                  <Badge tone="warn">Missing</Badge>
                )}
              </td>
              <td>
                {!field.returned && LEAVERS_ONLY.includes(field.field) ? (
                  <span className="muted">—</span>
                ) : (
                  <CoverageBar percent={field.coverage} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
