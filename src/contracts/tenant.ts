import { z } from 'zod';
import { tenantSettingsPatchSchema, tenantSettingsSchema } from '../core/tenant-settings.ts';
import { isValidTimeZone } from '../core/time.ts';
import { timestampSchema } from './common.ts';

export const tenantSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timeZone: z
    .string()
    .meta({ description: 'IANA time zone; lifecycle dates are evaluated in it.' }),
  settings: tenantSettingsSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export type TenantDto = z.infer<typeof tenantSchema>;

export const tenantPatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine(isValidTimeZone, 'unknown time zone: use an IANA name such as Europe/Berlin')
    .optional()
    .meta({ description: 'IANA time zone such as Europe/Berlin.' }),
  settings: tenantSettingsPatchSchema.optional(),
});

export type TenantPatch = z.infer<typeof tenantPatchSchema>;
