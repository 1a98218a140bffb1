import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProgramDetail } from '../contracts/programs.ts';
import { describeEachDialect } from '../db/testing.ts';
import type { Caller, World } from './test-support.ts';
import {
  bearer,
  buildTestApp,
  expectError,
  FUTURE_CLASS,
  NOW,
  seedWorld,
  signIn,
  testClock,
} from './test-support.ts';

interface ReportRow {
  group: string | null;
  learners: number;
  deactivatedLearners: number;
  pastSessions: number;
  attended: number;
  absent: number;
  attendanceRate: number | null;
}

describeEachDialect('api programs, classes and reports', (fx) => {
  let app: FastifyInstance;
  let w: World;
  let admin: Caller;

  beforeAll(async () => {
    app = await buildTestApp(fx.store, { clock: testClock(NOW).clock });
    w = await seedWorld(fx.store, 'acme');
    admin = await signIn(app, 'admin@acme.test');
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, payload?: Record<string, unknown>) =>
    app.inject({ method: 'POST', url, headers: admin.headers, ...(payload ? { payload } : {}) });

  it('creates and lists programs; names are unique', async () => {
    const created = await post('/api/programs', {
      name: '  Leadership  ',
      description: 'For leads',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Leadership', description: 'For leads' });
    expectError(await post('/api/programs', { name: 'Leadership' }), 409, 'CONFLICT');
    expectError(await post('/api/programs', { name: '' }), 400, 'VALIDATION_FAILED');
    const list = await app.inject({
      method: 'GET',
      url: '/api/programs',
      ...bearer(w.memberToken),
    });
    expect(list.json<{ items: { name: string; counts: unknown }[] }>().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'Leadership',
          counts: { invited: 0, enrolled: 0, followUps: 0, classes: 0 },
        }),
        expect.objectContaining({ name: 'acme onboarding' }),
      ]),
    );
  });

  it('schedules classes, enrolls learners, records attendance and manages follow-ups', async () => {
    const cls = await post(`/api/programs/${w.program.id}/classes`, {
      title: 'Extra',
      startsAt: '2026-12-10T09:00:00+01:00',
      endsAt: '2026-12-10T10:00:00+01:00',
    });
    expect(cls.statusCode, cls.body).toBe(201);
    expect(cls.json()).toMatchObject({ title: 'Extra', startsAt: '2026-12-10T08:00:00.000Z' });
    expectError(
      await post(`/api/programs/${w.program.id}/classes`, {
        title: 'Backwards',
        startsAt: '2026-12-10T10:00:00Z',
        endsAt: '2026-12-10T09:00:00Z',
      }),
      400,
      'VALIDATION_FAILED',
    );

    for (const learner of [w.alice, w.carol]) {
      for (const cl of [w.pastClass, w.futureClass]) {
        const enrolled = await post(`/api/classes/${cl.id}/enrollments`, { learnerId: learner.id });
        expect(enrolled.statusCode, enrolled.body).toBe(200);
        expect(enrolled.json()).toMatchObject({ enrolled: true });
      }
    }
    const twice = await post(`/api/classes/${w.pastClass.id}/enrollments`, {
      learnerId: w.alice.id,
    });
    expect(twice.json()).toMatchObject({ enrolled: false });

    const attended = await post(`/api/classes/${w.pastClass.id}/attendance`, {
      learnerId: w.alice.id,
      attendance: 'attended',
    });
    expect(attended.statusCode, attended.body).toBe(200);
    expect(attended.json()).toMatchObject({ enrollment: { attendance: 'attended' } });
    await post(`/api/classes/${w.pastClass.id}/attendance`, {
      learnerId: w.carol.id,
      attendance: 'absent',
    });
    expectError(
      await post(`/api/classes/${w.futureClass.id}/attendance`, {
        learnerId: w.alice.id,
        attendance: 'attended',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await post(`/api/classes/${w.pastClass.id}/attendance`, {
        learnerId: w.alice.id,
        attendance: 'maybe',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await post(`/api/classes/${w.pastClass.id}/attendance`, {
        learnerId: w.bob.id,
        attendance: 'absent',
      }),
      404,
      'NOT_FOUND',
    );

    const added = await post(`/api/programs/${w.program.id}/follow-ups`, {
      learnerId: w.alice.id,
      note: 'check in after week 1',
    });
    expect(added.json()).toEqual({ added: true });
    await post(`/api/programs/${w.program.id}/follow-ups`, { learnerId: w.bob.id });
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/programs/${w.program.id}/follow-ups/${w.bob.id}`,
      headers: admin.headers,
    });
    expect(removed.json()).toEqual({ removed: true });

    const detail = await app.inject({
      method: 'GET',
      url: `/api/programs/${w.program.id}`,
      ...bearer(w.memberToken),
    });
    expect(detail.statusCode, detail.body).toBe(200);
    const program = detail.json<ProgramDetail>();
    expect(program.program.id).toBe(w.program.id);
    expect(program.participants.map((p) => [p.learnerId, p.status])).toEqual([
      [w.alice.id, 'enrolled'],
      [w.carol.id, 'enrolled'],
    ]);
    expect(program.followUps).toEqual([
      expect.objectContaining({ learnerId: w.alice.id, note: 'check in after week 1' }),
    ]);
    expect(program.classes.map((c) => [c.title, c.counts.enrolled])).toEqual([
      ['Welcome', 2],
      ['Deep dive', 2],
      ['Extra', 0],
    ]);

    const roster = await app.inject({
      method: 'GET',
      url: `/api/classes/${w.pastClass.id}`,
      ...bearer(w.memberToken),
    });
    expect(roster.json()).toMatchObject({
      class: { id: w.pastClass.id, title: 'Welcome' },
      enrollments: [
        { learnerId: w.alice.id, attendance: 'attended', firstName: 'Alice' },
        { learnerId: w.carol.id, attendance: 'absent', firstName: 'Carol' },
      ],
    });
  });

  it("keeps a deactivated learner's past attendance in reports and drops their future classes", async () => {
    const off = await post(`/api/learners/${w.alice.id}/deactivate`, { reason: 'left_company' });
    expect(off.json()).toMatchObject({
      effects: { futureEnrollmentsRemoved: 1, followUpsRemoved: 1 },
    });
    const future = await app.inject({
      method: 'GET',
      url: `/api/classes/${w.futureClass.id}`,
      ...bearer(w.memberToken),
    });
    expect(
      future.json<{ enrollments: { learnerId: string }[] }>().enrollments.map((e) => e.learnerId),
    ).toEqual([w.carol.id]);
    expect(FUTURE_CLASS.startsAt > NOW).toBe(true);

    const report = async (groupBy: string): Promise<ReportRow[]> => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/reports/attendance?groupBy=${groupBy}`,
        ...bearer(w.memberToken),
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ groupBy, generatedAt: NOW });
      return response.json<{ rows: ReportRow[] }>().rows;
    };
    expect((await report('department')).find((r) => r.group === 'Engineering')).toEqual({
      group: 'Engineering',
      learners: 2,
      deactivatedLearners: 1,
      pastSessions: 2,
      attended: 1,
      absent: 1,
      attendanceRate: 0.5,
    });
    expect((await report('location')).find((r) => r.group === 'Berlin')).toMatchObject({
      deactivatedLearners: 1,
      attended: 1,
    });
    expect((await report('program')).find((r) => r.group === 'acme onboarding')).toMatchObject({
      learners: 2,
      deactivatedLearners: 1,
      attended: 1,
      absent: 1,
    });
    expectError(
      await app.inject({
        method: 'GET',
        url: '/api/reports/attendance?groupBy=manager',
        ...bearer(w.memberToken),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await post(`/api/classes/${w.futureClass.id}/enrollments`, { learnerId: w.alice.id }),
      409,
      'LEARNER_DEACTIVATED',
    );
  });
});
