import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncWorld } from './sync-harness.ts';
import { E2E_DIALECTS, createSyncWorld, learners } from './sync-harness.ts';

for (const dialect of E2E_DIALECTS) {
  describe(`rollcall sync against the BambooHR emulator [${dialect}]`, () => {
    describe('guards', () => {
      let world: SyncWorld;
      beforeAll(async () => {
        world = await createSyncWorld(dialect, 'guards', {
          company: {
            seed: 11,
            size: 40,
            terminatedShare: 0,
            futureHireShare: 0,
            rehireShare: 0,
            missingEmailShare: 0,
            duplicateEmailShare: 0,
          },
        });
        expect((await world.sync()).code).toBe(0);
      });
      afterAll(async () => world.close());

      const activeCount = async (): Promise<number> =>
        (await learners(world)).filter((l) => l.status === 'active').length;

      it('pauses when work-email coverage collapses, and a rejection applies nothing', async () => {
        const before = await activeCount();
        const company = world.emulator.company;
        const saved = company.all().map((e) => [e.id, e.workEmail] as const);
        for (const e of company.all().slice(0, 30)) company.update(e.id, { workEmail: null });
        const paused = await world.sync();
        expect(paused.code).toBe(3);
        expect(paused.run).toMatchObject({ status: 'awaiting_approval' });
        expect(paused.run['guards']).toContainEqual(
          expect.objectContaining({ guard: 'coverage_drop', passed: false }),
        );
        expect((await world.cli(['runs', 'reject', String(paused.run['id'])])).code).toBe(0);
        for (const [id, email] of saved) company.update(id, { workEmail: email });
        expect(await activeCount()).toBe(before);
        expect((await world.sync()).code).toBe(0);
      });

      it('pauses on a half list and on an empty list; a superseded plan cannot be approved', async () => {
        const before = await activeCount();
        const company = world.emulator.company;
        const people = company.all();
        for (const e of people.slice(0, Math.ceil(people.length / 2))) company.remove(e.id);
        const half = await world.sync();
        expect(half.code).toBe(3);
        expect(half.run['guards']).toContainEqual(
          expect.objectContaining({ guard: 'deactivation_ratio', passed: false }),
        );

        for (const e of company.all()) company.remove(e.id);
        const empty = await world.sync();
        expect(empty.code).toBe(3);
        expect(empty.run['guards']).toContainEqual(
          expect.objectContaining({ guard: 'empty_snapshot', passed: false }),
        );
        const approveHalf = await world.cli(['runs', 'approve', String(half.run['id'])]);
        expect(approveHalf.code).toBe(1);
        expect(approveHalf.stderr).toMatch(/not awaiting approval/);
        expect(await activeCount()).toBe(before);
      });
    });

    describe('throttling and faults', () => {
      let world: SyncWorld;
      beforeAll(async () => {
        world = await createSyncWorld(dialect, 'faults', {
          company: { seed: 5, size: 30 },
          rateLimitStatus: 503,
        });
      });
      afterAll(async () => world.close());

      it('rides out a 503 + Retry-After storm and a 5xx burst, and reports the API usage', async () => {
        world.emulator.setFaults({
          throttle: { burst: 2, retryAfterSeconds: 1 },
          serverErrorBurst: undefined,
        });
        const throttled = await world.sync();
        expect(throttled.code, throttled.stderr).toBe(0);
        expect(throttled.run['apiUsage']).toMatchObject({ calls: 3, throttled: 2, retries: 2 });
        expect((throttled.run['apiUsage'] as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(
          1_900,
        );

        world.emulator.setFaults({ throttle: undefined, serverErrorBurst: 2 });
        const burst = await world.sync();
        expect(burst.code, burst.stderr).toBe(0);
        expect(burst.run['apiUsage']).toMatchObject({ calls: 3, retries: 2 });
      });

      it('fails cleanly on a body that keeps arriving truncated, applying nothing', async () => {
        const before = await learners(world);
        const person = world.emulator.company.all().find((e) => e.status === 'Active');
        if (!person) throw new Error('no active person');
        world.emulator.company.terminate(person.id);
        world.emulator.setFaults({ serverErrorBurst: undefined, truncateAfterBytes: 900 });
        const result = await world.sync();
        expect(result.code).toBe(1);
        expect(result.run).toMatchObject({ status: 'failed', errorCode: 'truncated' });
        expect(await learners(world)).toEqual(before);
        world.emulator.setFaults({ truncateAfterBytes: undefined });
        expect((await world.sync()).code).toBe(0);
      });

      it('never stores or logs the emulator’s sensitive values', async () => {
        const dataDir = world.env['ROLLCALL_DATA_DIR'] ?? '';
        const files = [
          ...(dialect === 'sqlite' ? readdirSync(dataDir).map((f) => path.join(dataDir, f)) : []),
          world.env['ROLLCALL_LOG_FILE'] ?? '',
        ].filter((f) => f !== '' && statSync(f).isFile());
        expect(files.length).toBeGreaterThan(0);
        for (const file of files) expect(readFileSync(file).includes('SENSITIVE')).toBe(false);
        if (dialect === 'postgres') {
          const tables = ['learners', 'events', 'run_results', 'snapshot_chunks', 'audit_log'];
          for (const table of tables) {
            const { rows } = await sql<{
              n: number;
            }>`select count(*)::int as n from ${sql.table(table)} t where t::text like '%SENSITIVE%'`.execute(
              world.db,
            );
            expect(rows[0]?.n, table).toBe(0);
          }
        }
      });
    });
  });
}
