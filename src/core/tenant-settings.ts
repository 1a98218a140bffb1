import { z } from 'zod';

/** Employee filters (DESIGN.md "Filters"): exact, case-insensitive matches; off when both empty. */
export const FILTER_FIELDS = ['employeeType', 'department', 'location', 'country'] as const;

export const filterRuleSchema = z.strictObject({
  field: z.enum(FILTER_FIELDS),
  values: z.array(z.string().trim().min(1)).min(1),
});

export const employeeFiltersSchema = z.strictObject({
  include: z.array(filterRuleSchema).default([]),
  exclude: z.array(filterRuleSchema).default([]),
});

export const tenantSettingsSchema = z.strictObject({
  /** `none`: the HRIS only syncs people data. `auto`: new hires get a platform invite once. */
  invitePolicy: z.enum(['none', 'auto']).default('none'),
  /** What a sync does when a deactivated learner comes back active in the HRIS. */
  rehirePolicy: z.enum(['reactivate', 'review']).default('reactivate'),
  /** A run pauses for approval when deactivations exceed max(5, ratio × active linked learners). */
  maxDeactivationRatio: z.number().min(0).max(1).default(0.1),
  /** A run pauses when the HRIS returns nobody while the connection still has active learners. */
  pauseOnEmptySnapshot: z.boolean().default(true),
  /** A run pauses when a field's coverage among active people drops by more than this many points. */
  maxCoverageDropPoints: z.number().min(0).max(100).default(25),
  /** Local time (HH:MM, in the tenant's time zone) of the nightly sync. */
  nightlySyncTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)')
    .default('02:00'),
  filters: employeeFiltersSchema.default({ include: [], exclude: [] }),
});

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

/** A partial update of the settings; nested `filters` are replaced whole. */
export const tenantSettingsPatchSchema = z.strictObject({
  invitePolicy: z.enum(['none', 'auto']).optional(),
  rehirePolicy: z.enum(['reactivate', 'review']).optional(),
  maxDeactivationRatio: z.number().min(0).max(1).optional(),
  pauseOnEmptySnapshot: z.boolean().optional(),
  maxCoverageDropPoints: z.number().min(0).max(100).optional(),
  nightlySyncTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)')
    .optional(),
  filters: employeeFiltersSchema.optional(),
});

export type TenantSettingsPatch = z.infer<typeof tenantSettingsPatchSchema>;

export function defaultTenantSettings(): TenantSettings {
  return tenantSettingsSchema.parse({});
}
