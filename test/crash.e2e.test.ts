import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollInClass } from '../src/platform/classes.ts';
import { BIN, cleanEnv } from './helpers.ts';
import type { SyncWorld } from './sync-harness.ts';
import { E2E_DIALECTS, createSyncWorld, programWithClasses } from './sync-harness.ts';

/**
 * The crash proof (issue 3): a real child process syncs a 5k-person company and is killed with
 * SIGKILL at several points — fetch, plan, apply and its learning-side effects — then restarted.
 * The store must converge: no duplicate learner, invite or event, and no learner whose access was
 * revoked while still enrolled in a future class.
 */
const TARGETS = ['fetch', 'plan', 'apply', 'apply', 'apply', 'apply'] as const;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

for (const dialect of E2E_DIALECTS) {
  describe(`crash-safe sync: SIGKILL at random points, then convergence [${dialect}]`, () => {
    let world: SyncWorld;
    const random = seeded(dialect === 'sqlite' ? 42 : 43);

    beforeAll(async () => {
      world = await createSyncWorld(dialect, 'crash', {
        company: { seed: 21, size: 5_000, futureHireShare: 0.01, duplicateEmailShare: 0.002 },
      });
    }, 120_000);
    afterAll(async () => world.close());

    /** Starts a sync and SIGKILLs it once the run reaches `phase` (plus a random delay). */
    async function syncAndKill(
      phase: string,
    ): Promise<{ killed: boolean; phaseSeen: string | null }> {
      const startedAt = new Date().toISOString();
      const child = spawn(
        process.execPath,
        [BIN, 'sync', '--connector', 'bamboohr', '--config', world.configFile, '--json'],
        {
          env: cleanEnv({ ...world.env, ROLLCALL_LOG_LEVEL: 'warn' }),
          stdio: 'ignore',
        },
      );
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      let phaseSeen: string | null = null;
      let killed = false;
      const delay = Math.floor(random() * 150);
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) break;
        const run = await world.db
          .selectFrom('syncRuns')
          .select(['phase', 'status'])
          .where('createdAt', '>=', startedAt)
          .orderBy('createdAt', 'desc')
          .executeTakeFirst();
        if (run?.phase === phase) {
          phaseSeen = phase;
          await new Promise((r) => setTimeout(r, delay));
          killed = child.kill('SIGKILL');
          break;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      await exited;
      return { killed, phaseSeen };
    }

    it('converges after repeated SIGKILLs', async () => {
      const tenant = await world.db
        .selectFrom('tenants')
        .select(['id', 'settings'])
        .executeTakeFirstOrThrow();
      await world.db
        .updateTable('tenants')
        .set({
          settings: JSON.stringify({
            ...JSON.parse(tenant.settings),
            invitePolicy: 'auto',
            maxDeactivationRatio: 0.5,
          }),
        })
        .execute();
      const first = await world.sync();
      expect(first.code, first.stderr).toBe(0);

      // Learning data for people who are about to leave: a past and a future class each.
      const company = world.emulator.company;
      const now = new Date();
      const { pastClassId, futureClassId } = await programWithClasses(
        world,
        tenant.id,
        'Crash course',
        {
          pastDays: 1,
          futureDays: 30,
        },
      );
      const past = { id: pastClassId };
      const future = { id: futureClassId };
      const active = company.all().filter((e) => e.status === 'Active');
      const leaving = active.slice(0, 400);
      const linked = await world.db
        .selectFrom('learners')
        .select(['id', 'externalId'])
        .where(
          'externalId',
          'in',
          leaving.map((e) => e.id),
        )
        .execute();
      for (const learner of linked) {
        await enrollInClass(
          world.db,
          { tenantId: tenant.id, classId: past.id, learnerId: learner.id },
          now,
        );
        await enrollInClass(
          world.db,
          { tenantId: tenant.id, classId: future.id, learnerId: learner.id },
          now,
        );
      }
      for (const e of leaving) company.terminate(e.id);
      for (let i = 0; i < 600; i++) company.hire();

      const outcomes: { killed: boolean; phaseSeen: string | null }[] = [];
      for (const target of TARGETS) {
        // Keep the apply phase busy: more changes arrive between crashes.
        for (const e of active.slice(400).filter(() => random() < 0.15))
          company.update(e.id, { department: `Dept ${Math.floor(random() * 20)}` });
        outcomes.push(await syncAndKill(target));
      }
      const kills = outcomes.filter((o) => o.killed);
      expect(kills.length).toBeGreaterThanOrEqual(5);
      expect(new Set(kills.map((k) => k.phaseSeen))).toEqual(new Set(['fetch', 'plan', 'apply']));

      // Restart and converge; a second pass changes nothing.
      const recovered = await world.sync();
      expect(recovered.code, recovered.stderr).toBe(0);
      const settled = await world.sync();
      expect(settled.run['counts']).toMatchObject({
        create: 0,
        update: 0,
        deactivate: 0,
        reactivate: 0,
      });

      const interrupted = await world.db
        .selectFrom('syncRuns')
        .select('id')
        .where('errorCode', '=', 'interrupted')
        .execute();
      expect(interrupted.length).toBeGreaterThanOrEqual(5);

      // No duplicate learner: one per external id, and everyone the HRIS lists is there in the right state.
      const learners = await world.db
        .selectFrom('learners')
        .selectAll()
        .where('tenantId', '=', tenant.id)
        .execute();
      const byExternal = new Map<string, (typeof learners)[number]>();
      for (const l of learners) {
        expect(byExternal.has(l.externalId ?? ''), `duplicate learner for ${l.externalId}`).toBe(
          false,
        );
        byExternal.set(l.externalId ?? '', l);
      }
      expect(linked.length).toBeGreaterThan(300);
      for (const l of linked)
        expect(byExternal.get(l.externalId ?? '')?.status).toBe('deactivated');

      // No duplicate invite, and every new hire got exactly one.
      const invites = await world.db
        .selectFrom('invites')
        .select(['learnerId', 'scope'])
        .where('tenantId', '=', tenant.id)
        .execute();
      const keys = invites.map((i) => `${i.learnerId}/${i.scope}`);
      expect(new Set(keys).size).toBe(keys.length);
      const hired = company
        .all()
        .filter(
          (e) =>
            Number(e.id) > Math.max(...active.map((a) => Number(a.id))) &&
            e.status === 'Active' &&
            e.workEmail,
        );
      const hiredLearners = hired.map((e) => byExternal.get(e.id)).filter((l) => l !== undefined);
      expect(hiredLearners.length).toBeGreaterThan(500);
      const invited = new Set(invites.map((i) => i.learnerId));
      for (const l of hiredLearners)
        expect(invited.has(l.id), `new hire ${l.externalId} not invited`).toBe(true);

      // No duplicate event, and no gap: each learner has exactly one event per version.
      const events = await world.db
        .selectFrom('events')
        .select(['learnerId', 'version'])
        .where('tenantId', '=', tenant.id)
        .execute();
      const versions = new Map<string, number[]>();
      for (const e of events)
        versions.set(e.learnerId, [...(versions.get(e.learnerId) ?? []), e.version]);
      for (const l of learners) {
        const seen = (versions.get(l.id) ?? []).sort((a, b) => a - b);
        expect(seen, `events of ${l.externalId}`).toEqual(
          Array.from({ length: l.version }, (_, i) => i + 1),
        );
      }

      // Nobody lost access while still enrolled in a future class; past attendance stayed.
      const stuck = await world.db
        .selectFrom('classEnrollments')
        .innerJoin('learners', 'learners.id', 'classEnrollments.learnerId')
        .innerJoin('classes', 'classes.id', 'classEnrollments.classId')
        .select('learners.id')
        .where('learners.platformAccess', '=', false)
        .where('classes.startsAt', '>', new Date().toISOString())
        .execute();
      expect(stuck).toEqual([]);
      const pastEnrollments = await world.db
        .selectFrom('classEnrollments')
        .select('id')
        .where('classId', '=', past.id)
        .execute();
      expect(pastEnrollments).toHaveLength(linked.length);
    }, 600_000);
  });
}
