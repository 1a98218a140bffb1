/** What an admin can do about a connection's last error, by error code. */
const ACTIONS: Record<string, string> = {
  reconnect_needed:
    'The HRIS refused the credentials three times in a row, so nightly syncs stopped. Reconnect with a valid API key or service user; your learners are kept as they are.',
  auth_failed:
    'The HRIS refused the credentials. Check that the API key or service user still exists and reconnect if it changed; Rollcall retries on schedule.',
  forbidden:
    'The credentials work but lack permission. Give the user access to the fields on the setup page, then resync.',
  rate_limited:
    'The HRIS asked Rollcall to slow down. Nothing to do: the next attempt waits as the HRIS asks.',
  unavailable: 'The HRIS did not answer properly. Nothing to do: Rollcall retries with backoff.',
  timeout: 'The HRIS took too long to answer. Nothing to do: Rollcall retries with backoff.',
  network: 'Rollcall could not reach the HRIS. If it persists, check outbound network access.',
  truncated: 'The HRIS response was cut off. Nothing to do: Rollcall retries with backoff.',
  invalid_payload:
    'The HRIS answered with data Rollcall could not read. If it persists, contact support with the run id.',
  host_not_allowed: 'The configured base URL is not allowed. Reconnect without a custom base URL.',
  bad_request: 'The stored configuration was refused. Reconnect and check every field.',
  not_found:
    'The HRIS account was not found. Check the company domain or account id and reconnect.',
  interrupted: 'The last sync was interrupted. Nothing to do: the next sync finishes the job.',
};

export function errorAction(code: string): string {
  return ACTIONS[code] ?? 'Resync to try again; if it persists, contact support with the run id.';
}
