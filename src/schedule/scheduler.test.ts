import { expect, it } from 'vitest';
import { ConnectorError } from '../connectors/connector.ts';
import { getConnection } from '../db/repositories/connections.ts';
import { listRuns } from '../db/repositories/runs.ts';
import { updateTenant } from '../db/repositories/tenants.ts';
import { describeEachDialect } from '../db/testing.ts';
import { createSyncRuntime } from '../sync/runtime.ts';
import type { Script } from '../sync/test-engine.ts';
import { connectedTenant, employeesOf, engineDeps } from '../sync/test-engine.ts';
import { person } from '../sync/testing.ts';
import { jitterMs } from './nightly.ts';
import { scheduleDueRuns } from './scheduler.ts';

const MINUTE = 60_000;

describeEachDialect('nightly scheduler (fake clock)', (fx) => {
  let now = new Date('2026-11-22T12:00:00.000Z');
  const clock = () => now;

  async function world(slug: string, script: Script) {
    const { tenant, connectionId } = await connectedTenant(fx.store, slug, now.toISOString());
    // Berlin is UTC+1 in November: 02:00 local is 01:00 UTC.
    await updateTenant(
      fx.store.db,
      tenant,
      { timeZone: 'Europe/Berlin', settings: { nightlySyncTime: '02:00' } },
      now.toISOString(),
    );
    const sync = createSyncRuntime(engineDeps(fx.store, script, clock), { pollMs: 3_600_000 });
    const runs = async () =>
      (await listRuns(fx.store.db, tenant.id, { connectionId, limit: 100 })).reverse();
    /** One scheduler pass (every tenant's connections), then the worker; new runs of this one. */
    const pass = async () => {
      const before = (await runs()).length;
      await scheduleDueRuns({ db: fx.store.db, clock, log: sync.engine.log });
      await sync.worker.idle();
      return (await runs()).length - before;
    };
    const connection = async () => {
      const found = await getConnection(fx.store.db, tenant.id, connectionId);
      if (!found) throw new Error('connection vanished');
      return found;
    };
    return { tenant, connectionId, sync, pass, connection, runs };
  }

  it('runs once a night at the tenant local time, with a stable per-connection jitter', async () => {
    now = new Date('2026-11-22T12:00:00.000Z');
    const script: Script = { items: employeesOf([person('1'), person('2')]) };
    const w = await world('nightly', script);
    expect(await w.pass()).toBe(0);
    const jitter = jitterMs(w.connectionId);
    const slot = new Date(Date.parse('2026-11-23T01:00:00.000Z') + jitter);
    expect((await w.connection()).nextSyncAt).toBe(slot.toISOString());

    now = new Date(slot.getTime() - 1_000);
    expect(await w.pass()).toBe(0);
    expect(await w.runs()).toHaveLength(0);

    now = new Date(slot.getTime() + 1_000);
    expect(await w.pass()).toBe(1);
    expect(await w.pass()).toBe(0);
    const [first] = await w.runs();
    expect(first).toMatchObject({ trigger: 'schedule', mode: 'apply', status: 'succeeded' });
    const after = await w.connection();
    expect(after.status).toBe('synced');
    expect(after.nextSyncAt).toBe(new Date(slot.getTime() + 24 * 60 * MINUTE).toISOString());

    // A week later, having slept through six slots: one run, not six.
    now = new Date(slot.getTime() + 7 * 24 * 60 * MINUTE + 1_000);
    expect(await w.pass()).toBe(1);
    expect(await w.runs()).toHaveLength(2);
  });

  it('retries a failed nightly run with backoff; the connection keeps its data', async () => {
    now = new Date('2026-11-22T12:00:00.000Z');
    const script: Script = { items: employeesOf([person('1'), person('2')]) };
    const w = await world('retry', script);
    await w.pass();
    const slot = new Date((await w.connection()).nextSyncAt ?? '');
    now = new Date(slot.getTime() + 1_000);
    await w.pass();
    expect((await w.runs()).map((r) => r.status)).toEqual(['succeeded']);

    const tomorrow = new Date(slot.getTime() + 24 * 60 * MINUTE);
    script.fail = new ConnectorError('unavailable', 'HRIS answered 503', true, 503);
    now = new Date(tomorrow.getTime() + 1_000);
    await w.pass();
    let connection = await w.connection();
    expect(connection).toMatchObject({ status: 'error', syncRetryAttempt: 1 });
    expect(connection.nextSyncAt).toBe(new Date(now.getTime() + 5 * MINUTE).toISOString());
    expect(connection.lastSuccessAt).not.toBeNull();

    now = new Date(now.getTime() + 5 * MINUTE + 1_000);
    await w.pass();
    connection = await w.connection();
    expect(connection.syncRetryAttempt).toBe(2);
    expect(connection.nextSyncAt).toBe(new Date(now.getTime() + 15 * MINUTE).toISOString());

    delete script.fail;
    now = new Date(now.getTime() + 15 * MINUTE + 1_000);
    await w.pass();
    connection = await w.connection();
    expect(connection).toMatchObject({ status: 'synced', syncRetryAttempt: 0 });
    expect(connection.nextSyncAt).toBe(
      new Date(tomorrow.getTime() + 24 * 60 * MINUTE).toISOString(),
    );
    expect((await w.runs()).map((r) => r.status)).toEqual([
      'succeeded',
      'failed',
      'failed',
      'succeeded',
    ]);
    const learners = await fx.store.db
      .selectFrom('learners')
      .select('status')
      .where('tenantId', '=', w.tenant.id)
      .execute();
    expect(learners.map((l) => l.status)).toEqual(['active', 'active']);
  });

  it('stops scheduling after three auth failures in a row until an admin reconnects', async () => {
    now = new Date('2026-11-22T12:00:00.000Z');
    const script: Script = {
      items: employeesOf([person('1')]),
      fail: new ConnectorError('auth_failed', 'HRIS answered 401', false, 401),
    };
    const w = await world('auth', script);
    await w.pass();
    for (let i = 0; i < 3; i++) {
      now = new Date(Date.parse((await w.connection()).nextSyncAt ?? '') + 1_000);
      expect(await w.pass()).toBe(1);
    }
    const connection = await w.connection();
    expect(connection).toMatchObject({
      status: 'error',
      lastErrorCode: 'reconnect_needed',
      consecutiveAuthFailures: 3,
    });
    now = new Date(now.getTime() + 3 * 24 * 60 * MINUTE);
    expect(await w.pass()).toBe(0);
    expect(await w.runs()).toHaveLength(3);
  });
});
