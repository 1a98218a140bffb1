import { expect, it } from 'vitest';
import { bulkInsert } from './portable.ts';
import { newLearnerRow } from './repositories/learners.ts';
import { createTenant } from './repositories/tenants.ts';
import { describeEachDialect } from './testing.ts';

const NOW = '2026-11-22T10:00:00.000Z';

describeEachDialect('bulkInsert', (fx) => {
  const rowsFor = (tenantId: string, ids: string[]) =>
    ids.map((id) => ({
      ...newLearnerRow(
        {
          tenantId,
          source: 'hris',
          connectionId: `con_${tenantId}`,
          externalId: id,
          person: { firstName: `F${id}`, workEmail: `p${id}@acme.test` },
        },
        NOW,
      ),
      id: `lrn_${tenantId}_${id}`,
    }));

  it('inserts rows with booleans and nulls, outside a transaction', async () => {
    const tenant = await createTenant(fx.store.db, { slug: 'bulk-plain' }, NOW);
    const rows = rowsFor(tenant.id, ['1', '2', '3']);
    expect(await bulkInsert(fx.store.db, 'learners', rows)).toEqual([]);
    const stored = await fx.store.db
      .selectFrom('learners')
      .select(['id', 'platformAccess', 'lastName', 'provenance'])
      .where('tenantId', '=', tenant.id)
      .orderBy('id')
      .execute();
    expect(stored.map((r) => [r.id, Boolean(r.platformAccess), r.lastName])).toEqual(
      rows.map((r) => [r.id, true, null]),
    );
    expect(JSON.parse(stored[0]?.provenance ?? '')).toEqual({
      firstName: { source: 'hris', at: NOW, connectionId: `con_${tenant.id}` },
      workEmail: { source: 'hris', at: NOW, connectionId: `con_${tenant.id}` },
    });
  });

  it('skips conflicting rows and returns the keys of those it inserted', async () => {
    const tenant = await createTenant(fx.store.db, { slug: 'bulk-conflict' }, NOW);
    await bulkInsert(fx.store.db, 'learners', rowsFor(tenant.id, ['1']));
    // '1' again under a new id collides on (connection, external id) and on the email.
    const again = rowsFor(tenant.id, ['1', '2']).map((r, i) =>
      i === 0 ? { ...r, id: 'lrn_other' } : r,
    );
    const inserted = await fx.store.db
      .transaction()
      .execute((trx) =>
        bulkInsert(trx, 'learners', again, { onConflictDoNothing: true, returning: 'id' }),
      );
    expect(inserted).toEqual([`lrn_${tenant.id}_2`]);
    await expect(bulkInsert(fx.store.db, 'learners', rowsFor(tenant.id, ['2']))).rejects.toThrow();
  });

  it('writes in the caller’s transaction: a rollback leaves nothing', async () => {
    const tenant = await createTenant(fx.store.db, { slug: 'bulk-rollback' }, NOW);
    await expect(
      fx.store.db.transaction().execute(async (trx) => {
        await bulkInsert(trx, 'learners', rowsFor(tenant.id, ['1', '2']));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const left = await fx.store.db
      .selectFrom('learners')
      .select('id')
      .where('tenantId', '=', tenant.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('is all or nothing outside a transaction too', async () => {
    const tenant = await createTenant(fx.store.db, { slug: 'bulk-atomic' }, NOW);
    await bulkInsert(fx.store.db, 'learners', rowsFor(tenant.id, ['3']));
    await expect(
      bulkInsert(fx.store.db, 'learners', rowsFor(tenant.id, ['1', '2', '3'])),
    ).rejects.toThrow();
    const left = await fx.store.db
      .selectFrom('learners')
      .select('externalId')
      .where('tenantId', '=', tenant.id)
      .execute();
    expect(left.map((r) => r.externalId)).toEqual(['3']);
  });

  it('refuses rows whose columns differ', async () => {
    const tenant = await createTenant(fx.store.db, { slug: 'bulk-columns' }, NOW);
    const [first, second] = rowsFor(tenant.id, ['1', '2']);
    if (!first || !second) throw new Error('rows');
    const { provenance: _p, ...withoutProvenance } = first;
    await expect(
      bulkInsert(fx.store.db, 'learners', [
        withoutProvenance as typeof first,
        { ...second, hrisHash: 'h' },
      ]),
    ).rejects.toThrow();
    if (fx.store.dialect === 'sqlite') {
      await expect(
        bulkInsert(fx.store.db, 'learners', [first, withoutProvenance as typeof first]),
      ).rejects.toThrow('rows have different columns');
    }
  });
});
