import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';

/** Config fields both Workday connectors share (SOAP and RaaS use the same ISU and host). */
export const workdayHostField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'a host name only')
  .meta({
    title: 'Web services host',
    description:
      "The host of your tenant's web services endpoint, from Workday's Public Web Services " +
      'report, e.g. wd2-impl-services1.workday.com (implementation tenant) or ' +
      'wd5-services1.myworkday.com.',
  });

export const workdayTenantField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]+$/, 'the tenant name has only letters, digits, _ and -')
  .meta({
    title: 'Tenant',
    description: 'The tenant name as it appears in your Workday URLs, e.g. acme or acme_impl.',
  });

export const workdayUsernameField = z
  .string()
  .trim()
  // A colon would split the Basic-auth pair; spaces are never part of an ISU name.
  .regex(/^[^\s:]+$/, 'the user name has no spaces or colons')
  .meta({
    title: 'Integration system user',
    description: 'The ISU name, e.g. ISU_Rollcall. Rollcall adds @tenant when it is missing.',
  });

export const workdayPasswordField = z
  .string()
  .min(1, 'the password is required')
  .meta({ title: 'Password', description: "The integration system user's password." });

export const workdayBaseUrlField = baseUrlSchema.meta({
  title: 'Base URL',
  description: 'Leave empty: Rollcall uses https://<web services host>.',
});

/**
 * Workday's service hosts (NOTES §2): `*.workday.com` (e.g. wd2-impl-services1.workday.com,
 * implementation and sandbox tenants included) and `*.myworkday.com` (production data centres).
 */
export const WORKDAY_ALLOWED_HOSTS = ['*.workday.com', '*.myworkday.com'] as const;
