import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bamboohr } from '../src/connectors/bamboohr/index.ts';
import { enrollInClass } from '../src/platform/classes.ts';
import { activateMembership } from '../src/platform/memberships.ts';
import { addFollowUp } from '../src/platform/programs.ts';
import type { SyncWorld } from './sync-harness.ts';
import { E2E_DIALECTS, createSyncWorld, learners, programWithClasses } from './sync-harness.ts';

for (const dialect of E2E_DIALECTS) {
  describe(`rollcall sync against the BambooHR emulator [${dialect}]`, () => {
    describe('lifecycle', () => {
      let world: SyncWorld;
      beforeAll(async () => {
        world = await createSyncWorld(dialect, 'lifecycle', { company: { seed: 7, size: 80 } });
      });
      afterAll(async () => world.close());

      it('first sync: creates learners with managers resolved, a manager who left too; future hires wait', async () => {
        const company = world.emulator.company;
        const leaver = company.all().find((e) => company.isTerminated(e) && e.workEmail);
        const report = company
          .all()
          .find((e) => e.status === 'Active' && e.supervisorEId !== leaver?.id);
        if (!leaver || !report)
          throw new Error('the generated company lacks a leaver or an active person');
        company.update(report.id, { supervisorEId: leaver.id });

        const result = await world.sync();
        expect(result.code, result.stderr).toBe(0);
        expect(result.run).toMatchObject({ status: 'succeeded', snapshotComplete: true });
        const all = await learners(world);
        const byExternal = new Map(all.map((l) => [l.externalId, l]));
        expect(byExternal.get(report.id)).toMatchObject({
          managerName: `${leaver.firstName} ${leaver.lastName}`,
          managerEmail: leaver.workEmail?.toLowerCase(),
          status: 'active',
          source: 'hris',
        });
        expect(byExternal.get(leaver.id)).toMatchObject({
          status: 'deactivated',
          platformAccess: false,
        });
        for (const future of company.all().filter((e) => company.isFutureHire(e))) {
          expect(byExternal.has(future.id)).toBe(false);
        }
        // No denied field was ever requested.
        const requested = world.emulator.stats.lastRequestBodies.flatMap(
          (b) => (b as { fields: string[] }).fields,
        );
        expect(requested.length).toBeGreaterThan(0);
        expect(requested.filter((f) => bamboohr.deniedFields.includes(f))).toEqual([]);
      });

      it('deactivates a leaver with every effect, asserted on rows', async () => {
        const all = await learners(world);
        const person = all.find((l) => l.status === 'active' && l.externalId);
        if (!person?.externalId) throw new Error('no active learner');
        const tenant = await world.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
        const now = new Date();
        const { programId, pastClassId, futureClassId } = await programWithClasses(
          world,
          tenant.id,
          'Leaders',
          {
            pastDays: 7,
            futureDays: 7,
          },
        );
        const program = { id: programId };
        const past = { id: pastClassId };
        const future = { id: futureClassId };
        await enrollInClass(
          world.db,
          { tenantId: tenant.id, classId: past.id, learnerId: person.id },
          now,
        );
        await enrollInClass(
          world.db,
          { tenantId: tenant.id, classId: future.id, learnerId: person.id },
          now,
        );
        await addFollowUp(
          world.db,
          { tenantId: tenant.id, programId: program.id, learnerId: person.id },
          now,
        );
        await activateMembership(world.db, { tenantId: tenant.id, learnerId: person.id }, now);

        world.emulator.company.terminate(person.externalId);
        const result = await world.sync();
        expect(result.code, result.stderr).toBe(0);
        const row = await world.db
          .selectFrom('learners')
          .selectAll()
          .where('id', '=', person.id)
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({ status: 'deactivated', deactivationReason: 'terminated' });
        expect(Boolean(row.platformAccess)).toBe(false);
        const enrollments = await world.db
          .selectFrom('classEnrollments')
          .select('classId')
          .where('learnerId', '=', person.id)
          .execute();
        expect(enrollments.map((e) => e.classId)).toEqual([past.id]);
        expect(
          await world.db
            .selectFrom('programFollowUps')
            .select('id')
            .where('learnerId', '=', person.id)
            .execute(),
        ).toEqual([]);
        const membership = await world.db
          .selectFrom('memberships')
          .selectAll()
          .where('learnerId', '=', person.id)
          .executeTakeFirstOrThrow();
        expect(membership.status).toBe('ended');
        const shown = await world.cli([
          'runs',
          'show',
          String(result.run['id']),
          '--action',
          'deactivate',
          '--json',
        ]);
        expect((JSON.parse(shown.stdout) as { results: unknown[] }).results).toEqual([
          expect.objectContaining({
            learnerId: person.id,
            action: 'deactivate',
            reason: 'terminated',
          }),
        ]);
      });

      it('creates a future hire on the first sync on or after the start date', async () => {
        const company = world.emulator.company;
        const future = company.all().find((e) => company.isFutureHire(e));
        if (!future) throw new Error('no future hire generated');
        company.update(future.id, { hireDate: company.today, status: 'Active' });
        expect((await world.sync()).code).toBe(0);
        expect((await learners(world)).find((l) => l.externalId === future.id)).toMatchObject({
          status: 'active',
        });
      });

      it('follows the rehire policy: reactivate by default, review when set', async () => {
        const company = world.emulator.company;
        // People who left before today (a same-day rehire is indistinguishable from the termination).
        const gone = (await learners(world)).filter((l) => {
          const employee = l.externalId ? company.get(l.externalId) : undefined;
          return (
            l.status === 'deactivated' &&
            !!employee?.terminationDate &&
            employee.terminationDate < company.today
          );
        });
        const [first, second] = gone;
        if (!first?.externalId || !second?.externalId)
          throw new Error('need two deactivated learners');
        company.rehire(first.externalId);
        expect((await world.sync()).code).toBe(0);
        expect((await learners(world)).find((l) => l.id === first.id)).toMatchObject({
          status: 'active',
          platformAccess: true,
        });

        await world.db
          .updateTable('tenants')
          .set({ settings: JSON.stringify({ rehirePolicy: 'review' }) })
          .execute();
        company.rehire(second.externalId);
        const result = await world.sync();
        expect(result.code).toBe(0);
        expect((await learners(world)).find((l) => l.id === second.id)).toMatchObject({
          status: 'deactivated',
        });
        const shown = await world.cli([
          'runs',
          'show',
          String(result.run['id']),
          '--action',
          'skip',
          '--json',
        ]);
        expect(JSON.parse(shown.stdout)).toMatchObject({
          results: expect.arrayContaining([
            expect.objectContaining({ learnerId: second.id, reason: 'rehire_needs_review' }),
          ]) as unknown,
        });
      });
    });
  });
}
