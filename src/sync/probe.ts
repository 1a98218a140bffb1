import type { ConnectorLogger } from '../connectors/connector.ts';
import { ConnectorError } from '../connectors/connector.ts';
import type { NormalizedEmployee } from '../core/employee.ts';
import { safeParseEmployee } from '../core/employee.ts';
import { localDate } from '../core/time.ts';
import type { EngineDeps } from './engine.ts';
import { openConnectorSession } from './connector-session.ts';
import { probeCredentialSink } from './credential-store.ts';

/** How many people a probe reads before it stops: enough for coverage, cheap for the HRIS. */
export const PROBE_SAMPLE_SIZE = 500;

export interface FieldCoverage {
  field: keyof NormalizedEmployee;
  /** Share of the sampled active people with a value, 0–100 (one decimal). */
  coverage: number;
  returned: boolean;
}

export type ProbeResult =
  | {
      ok: true;
      /** People read (the probe stops after PROBE_SAMPLE_SIZE). */
      sampled: number;
      /** True when the probe read the whole directory. */
      complete: boolean;
      byStatus: { active: number; pending: number; terminated: number };
      recordErrors: number;
      fields: FieldCoverage[];
      warnings: string[];
      apiUsage: Record<string, number>;
    }
  | { ok: false; error: { code: string; message: string }; apiUsage: Record<string, number> };

type ProbeDeps = Pick<EngineDeps, 'connector' | 'extraAllowedHosts' | 'http' | 'sandbox' | 'clock'>;

export interface ProbeInput {
  connectorId: string;
  rawConfig: unknown;
  sandbox: boolean;
  timeZone: string;
  log: ConnectorLogger;
  sampleSize?: number;
}

/**
 * Validates credentials with the sync's own request (same endpoint, same fields, terminated people
 * included), reading a sample: it proves the permissions the sync needs and shows which provided
 * fields actually come back, before anything is stored. Nothing is kept, so the connector gets no
 * `saveCredentials` (and must not rotate credentials): see `probeForConnection`.
 */
export async function probeConnector(deps: ProbeDeps, input: ProbeInput): Promise<ProbeResult> {
  return (await runProbe(deps, input, false)).result;
}

/**
 * The probe of a connect or reconnect: credentials the connector rotates while probing
 * (`saveCredentials`) are kept, and `config` is what must be stored — the submitted config with
 * them merged in (the submitted refresh token may already be spent). Never return `config` to a
 * client: it holds decrypted secrets.
 */
export async function probeForConnection(
  deps: ProbeDeps,
  input: ProbeInput,
): Promise<{ result: ProbeResult; config: unknown }> {
  return runProbe(deps, input, true);
}

async function runProbe(
  deps: ProbeDeps,
  input: ProbeInput,
  keepCredentials: boolean,
): Promise<{ result: ProbeResult; config: unknown }> {
  const controller = new AbortController();
  const limit = input.sampleSize ?? PROBE_SAMPLE_SIZE;
  let usage: Record<string, number> = {};
  let config: unknown = input.rawConfig;
  try {
    const sink = keepCredentials ? probeCredentialSink() : undefined;
    const session = openConnectorSession(deps, {
      ...input,
      signal: controller.signal,
      ...(sink ? { credentials: sink } : {}),
    });
    const filled = new Map<keyof NormalizedEmployee, number>();
    const byStatus = { active: 0, pending: 0, terminated: 0 };
    let sampled = 0;
    let recordErrors = 0;
    let complete = true;
    const ctx = {
      config: session.currentConfig(),
      http: session.http,
      endpoint: session.endpoint,
      signal: controller.signal,
      log: input.log,
      today: localDate(deps.clock(), input.timeZone),
    };
    const { saveCredentials } = session;
    const items = session.connector.fetch(saveCredentials ? { ...ctx, saveCredentials } : ctx);
    try {
      for await (const item of items) {
        if (item.kind !== 'employee') {
          recordErrors += 1;
          continue;
        }
        const parsed = safeParseEmployee(item.employee);
        if (!parsed.success) {
          recordErrors += 1;
          continue;
        }
        sampled += 1;
        byStatus[parsed.data.employmentStatus] += 1;
        if (parsed.data.employmentStatus === 'active') {
          for (const field of session.connector.providedFields) {
            if (parsed.data[field] !== null) filled.set(field, (filled.get(field) ?? 0) + 1);
          }
        }
        if (sampled >= limit) {
          complete = false;
          break;
        }
      }
    } finally {
      controller.abort();
      usage = { ...session.http.usage() };
      config = session.currentConfig();
    }
    const fields = session.connector.providedFields.map((field) => {
      const count = filled.get(field) ?? 0;
      const coverage =
        byStatus.active === 0 ? 0 : Math.round((count / byStatus.active) * 1000) / 10;
      return { field, coverage, returned: count > 0 };
    });
    const result: ProbeResult = {
      ok: true,
      sampled,
      complete,
      byStatus,
      recordErrors,
      fields,
      warnings: probeWarnings(session.connector.name, sampled, byStatus, fields),
      apiUsage: usage,
    };
    return { result, config };
  } catch (error) {
    if (error instanceof ConnectorError) {
      const failed: ProbeResult = {
        ok: false,
        error: { code: error.code, message: error.message },
        apiUsage: usage,
      };
      return { result: failed, config };
    }
    throw error;
  }
}

function probeWarnings(
  vendor: string,
  sampled: number,
  byStatus: { active: number; terminated: number },
  fields: FieldCoverage[],
): string[] {
  const warnings: string[] = [];
  if (sampled === 0)
    warnings.push(
      `${vendor} returned nobody: check that the user may read employee data of the whole company.`,
    );
  if (sampled > 0 && byStatus.terminated === 0)
    warnings.push(
      `No terminated people came back: if the user cannot see former employees, leavers are silently absent and Rollcall pauses for approval instead of deactivating them. Check the setup page.`,
    );
  const missing = fields.filter((f) => !f.returned && f.field !== 'terminationDate');
  if (sampled > 0 && missing.length > 0)
    warnings.push(
      `These fields came back empty for everyone sampled: ${missing.map((f) => f.field).join(', ')}. The user may lack permission to read them.`,
    );
  return warnings;
}
