import { readFileSync } from 'node:fs';
import type { RegisteredConnector } from '../connectors/registry.ts';
import { connectorIds, findConnector } from '../connectors/registry.ts';
import type { ProbeResult } from '../sync/probe.ts';
import { CommandFailed } from './context.ts';

/** A connector config read from a `--config` file: parsed, and with its secret values known. */
export interface ConnectorConfigFile {
  connector: RegisteredConnector;
  config: Record<string, unknown>;
  /** The values of the connector's `secretFields`, so no message can echo them. */
  secrets: string[];
}

export function requireConnector(id: string): RegisteredConnector {
  const connector = findConnector(id);
  if (!connector)
    throw new CommandFailed(`unknown connector "${id}" (known: ${connectorIds().join(', ')})`, 2);
  return connector;
}

/**
 * Reads and validates a connector config file (usage errors exit 2). The JSON parser's message is
 * never shown: it quotes the file's text, which holds the credentials.
 */
export function readConnectorConfig(connectorId: string, file: string): ConnectorConfigFile {
  const connector = requireConnector(connectorId);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CommandFailed(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      2,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CommandFailed(`${file} is not valid JSON`, 2);
  }
  const parsed = connector.configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'config'}: ${i.message}`)
      .join('; ');
    throw new CommandFailed(`invalid ${connector.name} config in ${file}: ${problems}`, 2);
  }
  const config = parsed.data as Record<string, unknown>;
  const secrets = connector.secretFields
    .map((field) => config[field])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  return { connector, config, secrets };
}

/** Masks every secret value in a message that came back from the HRIS or the engine. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/** The probe result with every message masked, ready to print. */
export function redactProbe(result: ProbeResult, secrets: readonly string[]): ProbeResult {
  if (result.ok) return { ...result, warnings: result.warnings.map((w) => redact(w, secrets)) };
  return { ...result, error: { ...result.error, message: redact(result.error.message, secrets) } };
}
