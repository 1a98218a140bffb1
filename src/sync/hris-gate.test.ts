import { expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.ts';
import { createLearner } from '../db/repositories/learners.ts';
import { transitionConnection } from '../db/repositories/connections.ts';
import { createTenant } from '../db/repositories/tenants.ts';
import { connectedHrisGate } from './hris-gate.ts';
import { connectedTenant } from './test-engine.ts';

const NOW = '2026-11-22T10:00:00.000Z';

describeEachDialect('connected HRIS invite gate', (fx) => {
  it('lets everyone through without a connection', async () => {
    const tenant = await createTenant(fx.store.db, { slug: 'no-hris' }, NOW);
    const csv = await createLearner(
      fx.store.db,
      { tenantId: tenant.id, source: 'csv', person: { workEmail: 'a@x.test' } },
      NOW,
    );
    expect(await connectedHrisGate.check(fx.store.db, tenant.id, csv)).toEqual({ allowed: true });
  });

  it('with an HRIS connected admits only people it lists as active or pending, until Disconnect', async () => {
    const { tenant, connectionId } = await connectedTenant(fx.store, 'gated', NOW);
    const csv = await createLearner(
      fx.store.db,
      { tenantId: tenant.id, source: 'csv', person: { workEmail: 'c@x.test' } },
      NOW,
    );
    const known = await createLearner(
      fx.store.db,
      {
        tenantId: tenant.id,
        source: 'hris',
        connectionId,
        externalId: '1',
        person: { workEmail: 'k@x.test', employmentStatus: 'pending' },
      },
      NOW,
    );
    const left = await createLearner(
      fx.store.db,
      {
        tenantId: tenant.id,
        source: 'hris',
        connectionId,
        externalId: '2',
        person: { workEmail: 'l@x.test', employmentStatus: 'terminated' },
      },
      NOW,
    );
    expect(await connectedHrisGate.check(fx.store.db, tenant.id, csv)).toMatchObject({
      allowed: false,
    });
    expect(await connectedHrisGate.check(fx.store.db, tenant.id, known)).toEqual({ allowed: true });
    expect(await connectedHrisGate.check(fx.store.db, tenant.id, left)).toMatchObject({
      allowed: false,
    });
    await transitionConnection(
      fx.store.db,
      connectionId,
      'disconnected',
      { disconnectedAt: NOW },
      NOW,
    );
    expect(await connectedHrisGate.check(fx.store.db, tenant.id, csv)).toEqual({ allowed: true });
  });
});
