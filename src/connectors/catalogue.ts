import { z } from 'zod';
import type { Maturity, NeverAccessedCategory } from './connector.ts';
import type { RateLimitDeclaration } from './http/types.ts';
import { CONNECTORS, type RegisteredConnector } from './registry.ts';

/**
 * What `rollcall connectors list --json` and `GET /api/connectors` show about a connector: its
 * declaration, data only. `configSchema` is JSON Schema (draft 2020-12); secret fields carry
 * `"writeOnly": true` and `"format": "password"` so forms mask them and never echo them.
 */
export interface CatalogueEntry {
  id: string;
  name: string;
  maturity: Maturity;
  requestedFields: string[];
  fieldSelection: 'request' | 'parse';
  providedFields: string[];
  deniedFields: string[];
  neverAccessed: NeverAccessedCategory[];
  allowedHosts: string[];
  rateLimit: RateLimitDeclaration;
  docs: string;
  secretFields: string[];
  configSchema: Record<string, unknown>;
}

export function connectorCatalogue(): CatalogueEntry[] {
  return CONNECTORS.map(catalogueEntry);
}

export function catalogueEntry(connector: RegisteredConnector): CatalogueEntry {
  return {
    id: connector.id,
    name: connector.name,
    maturity: connector.maturity,
    requestedFields: [...connector.requestedFields],
    fieldSelection: connector.fieldSelection ?? 'request',
    providedFields: [...connector.providedFields],
    deniedFields: [...connector.deniedFields],
    neverAccessed: [...connector.neverAccessed],
    allowedHosts: [...connector.allowedHosts],
    rateLimit: { ...connector.rateLimit },
    docs: connector.docs,
    secretFields: [...connector.secretFields],
    configSchema: configJsonSchema(connector.configSchema, connector.secretFields),
  };
}

/** The config's JSON Schema as a form sees it (input side), secret fields marked. */
export function configJsonSchema(
  schema: z.ZodType,
  secretFields: readonly string[],
): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const properties = json['properties'];
  if (typeof properties !== 'object' || properties === null) return json;
  for (const field of secretFields) {
    const property = (properties as Record<string, unknown>)[field];
    if (typeof property !== 'object' || property === null) {
      throw new Error(`secret field "${field}" is not a property of the config schema`);
    }
    Object.assign(property, { writeOnly: true, format: 'password' });
  }
  return json;
}
