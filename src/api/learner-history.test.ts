import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LearnerDetail, LearnerFacets, LearnerHistory } from '../contracts/learners.ts';
import { describeEachDialect } from '../db/testing.ts';
import type { Caller, World } from './test-support.ts';
import {
  bearer,
  buildTestApp,
  expectError,
  NOW,
  seedWorld,
  signIn,
  testClock,
} from './test-support.ts';

describeEachDialect('api learner page reads', (fx) => {
  let app: FastifyInstance;
  let w: World;
  let other: World;
  let admin: Caller;
  const time = testClock(NOW);

  beforeAll(async () => {
    app = await buildTestApp(fx.store, { clock: time.clock });
    [w, other] = await Promise.all([seedWorld(fx.store, 'acme'), seedWorld(fx.store, 'initech')]);
    admin = await signIn(app, 'admin@acme.test');
  });
  afterAll(async () => {
    await app.close();
  });

  const history = async (id: string, query = ''): Promise<LearnerHistory> => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/learners/${id}/history${query}`,
      ...bearer(w.memberToken),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<LearnerHistory>();
  };

  it('lists departments and locations with counts, for this tenant only', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/learners/facets',
      ...bearer(w.memberToken),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<LearnerFacets>()).toEqual({
      departments: [
        { value: 'Engineering', learners: 2 },
        { value: 'Sales', learners: 1 },
      ],
      locations: [
        { value: 'Berlin', learners: 1 },
        { value: 'Paris', learners: 1 },
      ],
    });
  });

  it('tells who changed what: CSV import, admin actions by user and token, the HRIS sync', async () => {
    time.set('2026-11-22T11:00:00.000Z');
    const csv = await app.inject({
      method: 'POST',
      url: '/api/learners/import',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: 'work_email,first_name,department\nalice@acme.test,Alice,Research\n',
    });
    expect(csv.statusCode, csv.body).toBe(200);
    time.set('2026-11-22T12:00:00.000Z');
    const invited = await app.inject({
      method: 'POST',
      url: `/api/learners/${w.alice.id}/programs/${w.program.id}/invite`,
      headers: admin.headers,
    });
    expect(invited.statusCode, invited.body).toBe(200);
    time.set('2026-11-22T12:30:00.000Z');
    const enrolled = await app.inject({
      method: 'POST',
      url: `/api/classes/${w.futureClass.id}/enrollments`,
      headers: admin.headers,
      payload: { learnerId: w.alice.id },
    });
    expect(enrolled.statusCode, enrolled.body).toBe(200);
    time.set('2026-11-22T13:00:00.000Z');
    const off = await app.inject({
      method: 'POST',
      url: `/api/learners/${w.alice.id}/deactivate`,
      headers: admin.headers,
      payload: { reason: 'left_company' },
    });
    expect(off.statusCode, off.body).toBe(200);
    time.set('2026-11-22T14:00:00.000Z');
    const on = await app.inject({
      method: 'POST',
      url: `/api/learners/${w.alice.id}/reactivate`,
      ...bearer(w.adminToken),
    });
    expect(on.statusCode, on.body).toBe(200);

    const { items, hasMore } = await history(w.alice.id);
    expect(hasMore).toBe(false);
    expect(items.map((e) => [e.action, e.by.origin])).toEqual([
      ['learner.reactivated', 'token'],
      ['learner.deactivated', 'user'],
      ['class.enrolled', 'user'],
      ['learner.invited', 'user'],
      ['learner.updated', 'csv_import'],
      ['learner.created', 'system'],
    ]);
    const [reactivated, deactivated, enrollment, invite, updated, created] = items;
    expect(reactivated?.by.name).toMatch(/\S/);
    expect(deactivated).toMatchObject({
      by: { id: w.admin.id, name: 'admin@acme.test' },
      reason: 'left_company',
      effects: { membershipEnded: false, futureEnrollmentsRemoved: 1, followUpsRemoved: 0 },
    });
    expect(enrollment).toMatchObject({ class: { id: w.futureClass.id, title: 'Deep dive' } });
    expect(invite).toMatchObject({
      program: { id: w.program.id, name: 'acme onboarding' },
      version: 3,
    });
    expect(updated).toMatchObject({
      by: { origin: 'csv_import', name: 'admin@acme.test' },
      changes: [{ field: 'department', from: 'Engineering', to: 'Research' }],
    });
    expect(created?.changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(['firstName', 'workEmail', 'department']),
    );
    // Only allowlisted fields, ids, reasons and counts: no raw payloads or snapshots.
    expect(JSON.stringify(items)).not.toContain('tenantId');
    expect(JSON.stringify(items)).not.toContain('"learner"');

    const bob = await history(w.bob.id);
    expect(bob.items).toEqual([
      expect.objectContaining({
        action: 'learner.created',
        by: { origin: 'hris_sync', id: `con_acme`, name: null },
      }),
    ]);
  });

  it('pages by limit and answers 404 for other tenants', async () => {
    const two = await history(w.alice.id, '?limit=2');
    expect(two.items).toHaveLength(2);
    expect(two.hasMore).toBe(true);
    expectError(
      await app.inject({
        method: 'GET',
        url: `/api/learners/${other.alice.id}/history`,
        ...bearer(w.memberToken),
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await app.inject({
        method: 'GET',
        url: `/api/learners/${w.alice.id}/history?limit=0`,
        ...bearer(w.memberToken),
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('shows class enrollments on the learner page, past ones kept after a deactivation', async () => {
    const enroll = await app.inject({
      method: 'POST',
      url: `/api/classes/${w.pastClass.id}/enrollments`,
      headers: admin.headers,
      payload: { learnerId: w.carol.id },
    });
    expect(enroll.statusCode, enroll.body).toBe(200);
    await app.inject({
      method: 'POST',
      url: `/api/classes/${w.futureClass.id}/enrollments`,
      headers: admin.headers,
      payload: { learnerId: w.carol.id },
    });
    const detail = async () =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/learners/${w.carol.id}`,
          ...bearer(w.memberToken),
        })
      ).json<LearnerDetail>();
    expect((await detail()).classes.map((c) => c.title)).toEqual(['Deep dive', 'Welcome']);
    await app.inject({
      method: 'POST',
      url: `/api/learners/${w.carol.id}/deactivate`,
      headers: admin.headers,
    });
    expect((await detail()).classes).toEqual([
      expect.objectContaining({
        classId: w.pastClass.id,
        programName: 'acme onboarding',
        attendance: null,
      }),
    ]);
  });

  it('reports an unknown time zone as an issue of the timeZone field', async () => {
    const error = expectError(
      await app.inject({
        method: 'PATCH',
        url: '/api/tenant',
        headers: admin.headers,
        payload: { timeZone: 'Mars/Olympus' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.details).toMatchObject({ issues: [{ in: 'body', path: 'timeZone' }] });
  });
});
