import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing.ts';
import { createTenant, getTenantBySlug, resolveTenant, updateTenant } from './tenants.ts';
import { AppError } from '../../core/errors.ts';

const NOW = '2026-11-22T10:00:00.000Z';

describeEachDialect('tenants repository', (fx) => {
  it('creates a tenant with the design defaults and reads it back by slug', async () => {
    const created = await createTenant(fx.store.db, { slug: 'acme' }, NOW);
    expect(created.name).toBe('acme');
    expect(created.timeZone).toBe('UTC');
    expect(created.settings).toEqual({
      invitePolicy: 'none',
      rehirePolicy: 'reactivate',
      maxDeactivationRatio: 0.1,
      pauseOnEmptySnapshot: true,
      maxCoverageDropPoints: 25,
      nightlySyncTime: '02:00',
      filters: { include: [], exclude: [] },
    });
    const read = await getTenantBySlug(fx.store.db, 'acme');
    expect(read).toEqual(created);
  });

  it('refuses a taken slug, a bad slug and an unknown time zone with stable codes', async () => {
    await createTenant(fx.store.db, { slug: 'taken' }, NOW);
    await expect(createTenant(fx.store.db, { slug: 'taken' }, NOW)).rejects.toMatchObject({
      code: 'SLUG_TAKEN',
    });
    await expect(createTenant(fx.store.db, { slug: 'Bad Slug' }, NOW)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      createTenant(fx.store.db, { slug: 'tz', timeZone: 'Mars/Olympus' }, NOW),
    ).rejects.toBeInstanceOf(AppError);
  });

  it('merges a settings patch and keeps the rest', async () => {
    const tenant = await createTenant(
      fx.store.db,
      { slug: 'patchy', timeZone: 'Europe/Berlin' },
      NOW,
    );
    const updated = await updateTenant(
      fx.store.db,
      tenant,
      {
        settings: {
          invitePolicy: 'auto',
          filters: { include: [{ field: 'country', values: ['DE'] }], exclude: [] },
        },
      },
      NOW,
    );
    expect(updated.settings.invitePolicy).toBe('auto');
    expect(updated.settings.rehirePolicy).toBe('reactivate');
    expect((await getTenantBySlug(fx.store.db, 'patchy'))?.settings.filters.include).toEqual([
      { field: 'country', values: ['DE'] },
    ]);
  });

  it('resolves the tenant by slug, and requires one when several exist', async () => {
    await expect(resolveTenant(fx.store.db, undefined)).rejects.toMatchObject({
      code: 'TENANT_REQUIRED',
    });
    expect((await resolveTenant(fx.store.db, 'acme')).slug).toBe('acme');
    await expect(resolveTenant(fx.store.db, 'nope')).rejects.toMatchObject({
      code: 'TENANT_NOT_FOUND',
    });
  });
});
