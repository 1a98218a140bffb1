import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantSettings, TenantSettingsPatch } from '../../core/tenant-settings.ts';
import { defaultTenantSettings, tenantSettingsSchema } from '../../core/tenant-settings.ts';
import { isValidTimeZone } from '../../core/time.ts';
import type { Database, TenantsTable } from '../schema.ts';

/** A customer team. */
export interface Tenant {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  settings: TenantSettings;
  createdAt: string;
  updatedAt: string;
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function toTenant(row: Selectable<TenantsTable>): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.timeZone,
    settings: tenantSettingsSchema.parse(JSON.parse(row.settings)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface CreateTenantInput {
  slug: string;
  name?: string | undefined;
  timeZone?: string | undefined;
  settings?: TenantSettings | undefined;
}

export async function createTenant(
  db: Kysely<Database>,
  input: CreateTenantInput,
  now: string,
): Promise<Tenant> {
  if (!SLUG_PATTERN.test(input.slug)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `invalid slug "${input.slug}": use lower-case letters, digits and dashes (1–63 characters)`,
    );
  }
  const timeZone = input.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `unknown time zone "${timeZone}" (use an IANA name such as Europe/Berlin)`,
    );
  }
  const existing = await db
    .selectFrom('tenants')
    .select('id')
    .where('slug', '=', input.slug)
    .executeTakeFirst();
  if (existing)
    throw new AppError('SLUG_TAKEN', `a tenant with slug "${input.slug}" already exists`);
  const row: Selectable<TenantsTable> = {
    id: newId('ten'),
    slug: input.slug,
    name: input.name ?? input.slug,
    timeZone,
    settings: JSON.stringify(input.settings ?? defaultTenantSettings()),
    createdAt: now,
    updatedAt: now,
  };
  await db.insertInto('tenants').values(row).execute();
  return toTenant(row);
}

export async function getTenant(db: Kysely<Database>, id: string): Promise<Tenant | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTenant(row) : undefined;
}

export async function getTenantBySlug(
  db: Kysely<Database>,
  slug: string,
): Promise<Tenant | undefined> {
  const row = await db
    .selectFrom('tenants')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row ? toTenant(row) : undefined;
}

export async function listTenants(db: Kysely<Database>): Promise<Tenant[]> {
  const rows = await db.selectFrom('tenants').selectAll().orderBy('slug').execute();
  return rows.map(toTenant);
}

/**
 * The tenant a command acts on: the one named by slug, or the only one when there is exactly one.
 */
export async function resolveTenant(
  db: Kysely<Database>,
  slug: string | undefined,
): Promise<Tenant> {
  if (slug) {
    const tenant = await getTenantBySlug(db, slug);
    if (!tenant) throw new AppError('TENANT_NOT_FOUND', `no tenant with slug "${slug}"`);
    return tenant;
  }
  const tenants = await db.selectFrom('tenants').selectAll().limit(2).execute();
  const [only, second] = tenants;
  if (!only)
    throw new AppError(
      'TENANT_NOT_FOUND',
      'no tenant exists yet: create one with `rollcall tenants create <slug>`',
    );
  if (second)
    throw new AppError('TENANT_REQUIRED', 'several tenants exist: choose one with --tenant <slug>');
  return toTenant(only);
}

export interface UpdateTenantInput {
  name?: string | undefined;
  timeZone?: string | undefined;
  settings?: TenantSettingsPatch | undefined;
}

export async function updateTenant(
  db: Kysely<Database>,
  tenant: Tenant,
  input: UpdateTenantInput,
  now: string,
): Promise<Tenant> {
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `unknown time zone "${input.timeZone}" (use an IANA name such as Europe/Berlin)`,
    );
  }
  const settings = tenantSettingsSchema.parse({
    ...tenant.settings,
    ...stripUndefined(input.settings ?? {}),
  });
  const next: Tenant = {
    ...tenant,
    name: input.name ?? tenant.name,
    timeZone: input.timeZone ?? tenant.timeZone,
    settings,
    updatedAt: now,
  };
  await db
    .updateTable('tenants')
    .set({
      name: next.name,
      timeZone: next.timeZone,
      settings: JSON.stringify(settings),
      updatedAt: now,
    })
    .where('id', '=', tenant.id)
    .execute();
  return next;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
