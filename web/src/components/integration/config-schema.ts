import { z } from 'zod';

/**
 * Reading a connector's config JSON Schema (draft 2020-12, as GET /api/connectors sends it) into
 * form fields, and the form's values back into a config. The schema is data from the server, so it
 * is parsed here rather than trusted.
 */
const propertySchema = z.looseObject({
  type: z.union([z.string(), z.array(z.string())]).optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  pattern: z.string().optional(),
  minLength: z.number().optional(),
  enum: z.array(z.unknown()).optional(),
  writeOnly: z.boolean().optional(),
  format: z.string().optional(),
  default: z.unknown().optional(),
});

const objectSchema = z.looseObject({
  properties: z.record(z.string(), propertySchema).default({}),
  required: z.array(z.string()).default([]),
});

/** One input of the generated form. */
export interface ConfigProperty {
  key: string;
  label: string;
  description: string | null;
  required: boolean;
  secret: boolean;
  /** Only for proxies and tests: shown under "Advanced". */
  advanced: boolean;
  kind: 'text' | 'number' | 'select';
  options: readonly string[];
  pattern: string | null;
  minLength: number | null;
}

/** Keys that most admins never need; they go under the "Advanced" disclosure. */
const ADVANCED_KEYS = new Set(['baseUrl']);

function humanize(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replaceAll('_', ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

export function configProperties(
  jsonSchema: Record<string, unknown>,
  secretFields: readonly string[],
): ConfigProperty[] {
  const parsed = objectSchema.safeParse(jsonSchema);
  if (!parsed.success) return [];
  const required = new Set(parsed.data.required);
  return Object.entries(parsed.data.properties).map(([key, property]) => {
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    const options = (property.enum ?? []).map(String);
    return {
      key,
      label: property.title ?? humanize(key),
      description: property.description ?? null,
      required: required.has(key),
      secret:
        secretFields.includes(key) || property.writeOnly === true || property.format === 'password',
      advanced: ADVANCED_KEYS.has(key) && !required.has(key),
      kind:
        options.length > 0 ? 'select' : type === 'number' || type === 'integer' ? 'number' : 'text',
      options,
      pattern: property.pattern ?? null,
      minLength: property.minLength ?? null,
    };
  });
}

/** What is wrong with the values, per key, in words; empty when they can be tested. */
export function validateConfig(
  properties: readonly ConfigProperty[],
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const property of properties) {
    const value = (values[property.key] ?? '').trim();
    if (value === '') {
      if (property.required) errors[property.key] = `${property.label} is required.`;
      continue;
    }
    if (property.minLength !== null && value.length < property.minLength)
      errors[property.key] = `${property.label} is too short.`;
    else if (property.pattern !== null && !safeTest(property.pattern, value))
      errors[property.key] = property.description
        ? `${property.label} does not look right. ${property.description}`
        : `${property.label} does not look right.`;
    else if (property.kind === 'number' && !Number.isFinite(Number(value)))
      errors[property.key] = `${property.label} must be a number.`;
  }
  return errors;
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    // A pattern JavaScript cannot read is the server's to check: the probe reports it.
    return true;
  }
}

/** The config to send: trimmed values, empty ones left out (unknown is absent, never ''). */
export function configFromValues(
  properties: readonly ConfigProperty[],
  values: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const property of properties) {
    const value = (values[property.key] ?? '').trim();
    if (value === '') continue;
    config[property.key] = property.kind === 'number' ? Number(value) : value;
  }
  return config;
}
