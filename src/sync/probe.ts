import type { ConnectorLogger } from '../connectors/connector.ts';
import { ConnectorError } from '../connectors/connector.ts';
import type { NormalizedEmployee } from '../core/employee.ts';
import { normalizedEmployeeSchema } from '../core/employee.ts';
import { localDate } from '../core/time.ts';
import type { EngineDeps } from './engine.ts';
import { openConnectorSession } from './connector-session.ts';

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

/**
 * Validates credentials with the sync's own request (same endpoint, same fields, terminated people
 * included), reading a sample: it proves the permissions the sync needs and shows which provided
 * fields actually come back, before anything is stored.
 */
export async function probeConnector(
  deps: Pick<EngineDeps, 'connector' | 'extraAllowedHosts' | 'http' | 'sandbox' | 'clock'>,
  input: {
    connectorId: string;
    rawConfig: unknown;
    sandbox: boolean;
    timeZone: string;
    log: ConnectorLogger;
    sampleSize?: number;
  },
): Promise<ProbeResult> {
  const controller = new AbortController();
  const limit = input.sampleSize ?? PROBE_SAMPLE_SIZE;
  let usage: Record<string, number> = {};
  try {
    const session = openConnectorSession(deps, { ...input, signal: controller.signal });
    const filled = new Map<keyof NormalizedEmployee, number>();
    const byStatus = { active: 0, pending: 0, terminated: 0 };
    let sampled = 0;
    let recordErrors = 0;
    let complete = true;
    const items = session.connector.fetch({
      config: session.config,
      http: session.http,
      signal: controller.signal,
      log: input.log,
      today: localDate(deps.clock(), input.timeZone),
    });
    try {
      for await (const item of items) {
        if (item.kind !== 'employee') {
          recordErrors += 1;
          continue;
        }
        const parsed = normalizedEmployeeSchema.safeParse(item.employee);
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
    }
    const fields = session.connector.providedFields.map((field) => {
      const count = filled.get(field) ?? 0;
      const coverage =
        byStatus.active === 0 ? 0 : Math.round((count / byStatus.active) * 1000) / 10;
      return { field, coverage, returned: count > 0 };
    });
    return {
      ok: true,
      sampled,
      complete,
      byStatus,
      recordErrors,
      fields,
      warnings: probeWarnings(session.connector.name, sampled, byStatus, fields),
      apiUsage: usage,
    };
  } catch (error) {
    if (error instanceof ConnectorError)
      return { ok: false, error: { code: error.code, message: error.message }, apiUsage: usage };
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
