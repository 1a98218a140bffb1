import { z } from 'zod';
import { timestampSchema } from './common.ts';
import { probeResultSchema } from './connections.ts';
import { catalogueEntrySchema } from './connectors.ts';

export const CONNECT_LINK_STATUSES = ['pending', 'used', 'expired', 'revoked'] as const;

export const DEFAULT_LINK_DAYS = 7;
export const MAX_LINK_DAYS = 30;

/** A secure connect link as the admin sees it: never the token, which is shown once. */
export const connectLinkSchema = z.object({
  id: z.string(),
  connectorId: z.string(),
  connectorName: z.string(),
  sandbox: z.boolean().meta({ description: "Connects this server's sandbox HRIS (demo mode)." }),
  status: z.enum(CONNECT_LINK_STATUSES),
  createdBy: z.string().nullable().meta({ description: 'The user or API token id.' }),
  createdByEmail: z.string().nullable(),
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
  usedAt: timestampSchema.nullable().meta({ description: 'When the HRIS owner connected.' }),
  usedByName: z.string().nullable().meta({ description: 'Who connected, as they typed it.' }),
  usedByEmail: z.string().nullable(),
  connectionId: z.string().nullable(),
  revokedAt: timestampSchema.nullable(),
});

export type ConnectLinkDto = z.infer<typeof connectLinkSchema>;

export const connectLinkListSchema = z.object({ items: z.array(connectLinkSchema) });

export const createConnectLinkRequestSchema = z.strictObject({
  connectorId: z.string().trim().min(1),
  expiresInDays: z.number().int().min(1).max(MAX_LINK_DAYS).default(DEFAULT_LINK_DAYS),
  sandbox: z.boolean().default(false).meta({
    description:
      "A link that connects this server's sandbox HRIS (demo mode): the owner types no credentials.",
  }),
});

export const createConnectLinkResponseSchema = z.object({
  link: connectLinkSchema,
  url: z.string().meta({
    description: "The link's path, `/connect/<token>`, relative to the console's public URL.",
  }),
  token: z.string().meta({ description: 'Shown once: Rollcall keeps only a hash.' }),
});

export const tokenParamsSchema = z.object({ token: z.string().trim().min(1).max(200) });

/** What the HRIS owner sees on opening a link (no console account, the token is the credential). */
export const openConnectLinkSchema = z.object({
  tenantName: z.string(),
  connector: catalogueEntrySchema,
  sandbox: z.boolean().meta({ description: 'The link connects the sandbox: no credentials.' }),
  expiresAt: timestampSchema,
});

const linkConfigSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: "The connector's config with credentials; ignored for a sandbox link." });

export const linkProbeRequestSchema = z.strictObject({ config: linkConfigSchema.optional() });

export const linkConnectRequestSchema = z.strictObject({
  config: linkConfigSchema.optional(),
  name: z.string().trim().min(1).max(200).meta({ description: 'Who connects (the HRIS owner).' }),
  email: z.string().trim().toLowerCase().pipe(z.email()).meta({ description: 'Their email.' }),
});

export const linkConnectResponseSchema = z.object({
  connectorName: z.string(),
  connectedAt: timestampSchema,
  probe: probeResultSchema,
});
