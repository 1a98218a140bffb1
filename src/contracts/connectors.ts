import { z } from 'zod';

/** A connector's declaration: the data behind the catalogue and the verification screen. */
export const catalogueEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  maturity: z.enum(['stable', 'beta']),
  requestedFields: z.array(z.string()).meta({
    description: 'The exact vendor field ids Rollcall asks for (or reads: see fieldSelection).',
  }),
  fieldSelection: z.enum(['request', 'parse']).meta({
    description:
      'request: the vendor API takes a field list and Rollcall sends exactly requestedFields. ' +
      'parse: the API answers with whole records; Rollcall reads only requestedFields while ' +
      'parsing and drops the rest before anything is stored or logged.',
  }),
  providedFields: z.array(z.string()).meta({ description: 'The normalized fields it fills.' }),
  deniedFields: z.array(z.string()).meta({ description: 'Vendor field ids it never asks for.' }),
  neverAccessed: z.array(z.string()),
  allowedHosts: z.array(z.string()),
  rateLimit: z.object({
    requestsPerSecond: z.number(),
    burst: z.number(),
    description: z.string(),
  }),
  docs: z.string(),
  secretFields: z.array(z.string()),
  configSchema: z.record(z.string(), z.unknown()).meta({ description: 'JSON Schema.' }),
  sandbox: z.boolean().meta({ description: 'A sandbox of this HRIS runs on this server.' }),
});

export const catalogueSchema = z.object({ items: z.array(catalogueEntrySchema) });
