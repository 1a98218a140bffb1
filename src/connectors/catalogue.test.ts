import { existsSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, connectorCatalogue } from './catalogue.ts';
import { CONNECTORS } from './registry.ts';

describe('connectorCatalogue', () => {
  it('has one entry per registered connector, as plain JSON data', () => {
    const catalogue = connectorCatalogue();
    expect(catalogue.map((entry) => entry.id)).toEqual(CONNECTORS.map((c) => c.id));
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(catalogue);
  });

  it('describes BambooHR fully', () => {
    const entry = connectorCatalogue().find((e) => e.id === 'bamboohr');
    expect(entry).toMatchObject({
      name: 'BambooHR',
      maturity: 'stable',
      docs: 'docs/connectors/bamboohr.md',
      allowedHosts: ['api.bamboohr.com', '*.bamboohr.com'],
      rateLimit: { requestsPerSecond: 2, burst: 5 },
      secretFields: ['apiKey'],
      fieldSelection: 'request',
    });
    expect(entry?.requestedFields).toContain('supervisorEId');
    expect(entry?.providedFields).toContain('employmentStatus');
    expect(entry?.neverAccessed).toContain('compensation');
  });

  it('gives a JSON Schema of the config with secret fields write-only and masked', () => {
    const schema = connectorCatalogue().find((e) => e.id === 'bamboohr')?.configSchema;
    expect(schema).toMatchObject({
      type: 'object',
      required: ['companyDomain', 'apiKey'],
      properties: {
        companyDomain: { type: 'string', pattern: '^[A-Za-z0-9-]+$' },
        apiKey: { type: 'string', writeOnly: true, format: 'password' },
        baseUrl: { type: 'string' },
      },
    });
    const properties = (schema as { properties: Record<string, object> }).properties;
    expect(properties['companyDomain']).not.toHaveProperty('writeOnly');
  });

  it('points every entry at an existing docs page', () => {
    for (const entry of connectorCatalogue()) expect(existsSync(entry.docs), entry.docs).toBe(true);
  });

  it('refuses a secret field the config schema does not have', () => {
    expect(() => configJsonSchema(z.object({ a: z.string() }), ['token'])).toThrow(/token/);
  });
});
