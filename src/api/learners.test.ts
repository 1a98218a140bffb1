import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.ts';
import { hrisKnowsLinkedLearners } from '../platform/hris-gate.ts';
import type { LearnerDetail, LearnerPage } from '../contracts/learners.ts';
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

describeEachDialect('api learners', (fx) => {
  let app: FastifyInstance;
  let gated: FastifyInstance;
  let w: World;
  let other: World;
  let admin: Caller;
  const time = testClock(NOW);

  beforeAll(async () => {
    app = await buildTestApp(fx.store, { clock: time.clock });
    [w, other] = await Promise.all([seedWorld(fx.store, 'acme'), seedWorld(fx.store, 'umbrella')]);
    gated = await buildTestApp(fx.store, {
      clock: time.clock,
      hrisGate: hrisKnowsLinkedLearners([w.tenant.id]),
    });
    admin = await signIn(app, 'admin@acme.test');
  });
  afterAll(async () => {
    await app.close();
    await gated.close();
  });

  const list = async (query: string): Promise<LearnerPage> => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/learners${query}`,
      ...bearer(w.memberToken),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<LearnerPage>();
  };

  it('lists learners with filters, search and paging', async () => {
    const all = await list('');
    expect(all).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(all.items.map((l) => l.firstName)).toEqual(['Alice', 'Bob', 'Carol']);
    expect(all.items[0]).not.toHaveProperty('provenance');
    expect(all.items[0]).not.toHaveProperty('tenantId');
    expect((await list('?department=Engineering')).items.map((l) => l.firstName)).toEqual([
      'Alice',
      'Carol',
    ]);
    expect((await list('?source=hris')).items.map((l) => l.firstName)).toEqual(['Bob']);
    expect((await list('?location=Berlin')).total).toBe(1);
    expect((await list('?q=CAR')).items.map((l) => l.firstName)).toEqual(['Carol']);
    expect((await list('?q=bob%40acme')).total).toBe(1);
    expect((await list('?status=deactivated')).total).toBe(0);
    const page = await list('?limit=2&offset=2');
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.items.map((l) => l.firstName)).toEqual(['Carol']);
    for (const bad of ['?limit=0', '?limit=abc', '?offset=-1', '?status=gone', '?unknown=1']) {
      expectError(
        await app.inject({ method: 'GET', url: `/api/learners${bad}`, ...bearer(w.memberToken) }),
        400,
        'VALIDATION_FAILED',
      );
    }
  });

  it('shows one learner with provenance, membership and programs; manages the seat', async () => {
    const detail = async (): Promise<LearnerDetail> => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/learners/${w.alice.id}`,
        ...bearer(w.memberToken),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<LearnerDetail>();
    };
    const before = await detail();
    expect(before.learner).toMatchObject({
      id: w.alice.id,
      source: 'csv',
      department: 'Engineering',
    });
    expect(before.provenance['department']).toEqual({ source: 'csv', at: NOW });
    expect(before.membership).toBeNull();
    expect(before.programs).toEqual([]);

    const activated = await app.inject({
      method: 'POST',
      url: `/api/learners/${w.alice.id}/membership`,
      headers: admin.headers,
    });
    expect(activated.statusCode, activated.body).toBe(200);
    expect(activated.json()).toMatchObject({ changed: true, membership: { status: 'active' } });
    const invited = await app.inject({
      method: 'POST',
      url: `/api/learners/${w.alice.id}/programs/${w.program.id}/invite`,
      headers: admin.headers,
    });
    expect(invited.statusCode, invited.body).toBe(200);
    const after = await detail();
    expect(after.membership).toMatchObject({ status: 'active', endedAt: null });
    expect(after.programs).toEqual([
      expect.objectContaining({ programId: w.program.id, status: 'invited', invitedAt: NOW }),
    ]);

    const ended = await app.inject({
      method: 'DELETE',
      url: `/api/learners/${w.alice.id}/membership`,
      headers: admin.headers,
      payload: { reason: 'contract_over' },
    });
    expect(ended.json()).toMatchObject({
      changed: true,
      membership: { status: 'ended', endedReason: 'contract_over' },
    });
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/learners/${w.alice.id}/membership`,
      ...bearer(w.adminToken),
    });
    expect(again.json()).toMatchObject({ changed: false });
    expectError(
      await app.inject({
        method: 'GET',
        url: '/api/learners/lrn_missing',
        ...bearer(w.memberToken),
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('sends the platform invite once', async () => {
    const invite = () =>
      app.inject({
        method: 'POST',
        url: `/api/learners/${w.carol.id}/invite`,
        headers: admin.headers,
      });
    const first = await invite();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      sent: true,
      learner: { status: 'invited', invitedAt: NOW },
    });
    expect((await invite()).json()).toMatchObject({ sent: false });
  });

  it('refuses invites with UNKNOWN_TO_HRIS when the connected HRIS does not know the person', async () => {
    const refused = expectError(
      await gated.inject({
        method: 'POST',
        url: `/api/learners/${w.alice.id}/invite`,
        ...bearer(w.adminToken),
      }),
      409,
      'UNKNOWN_TO_HRIS',
    );
    expect(refused.message).toContain('HRIS');
    expect(refused.message).toContain('active or pending');
    // The console shows the gate's reason from the details, not by parsing the message.
    expect(refused.details).toMatchObject({ reason: expect.any(String) as string });
    expectError(
      await gated.inject({
        method: 'POST',
        url: `/api/learners/${w.carol.id}/programs/${w.program.id}/invite`,
        ...bearer(w.adminToken),
      }),
      409,
      'UNKNOWN_TO_HRIS',
    );
    const known = await gated.inject({
      method: 'POST',
      url: `/api/learners/${w.bob.id}/invite`,
      ...bearer(w.adminToken),
    });
    expect(known.statusCode, known.body).toBe(200);
    expect(known.json()).toMatchObject({ sent: true });
  });

  it('deactivates and reactivates, with events and audit entries naming the actor', async () => {
    await app.inject({
      method: 'POST',
      url: `/api/learners/${w.bob.id}/membership`,
      ...bearer(w.adminToken),
    });
    const off = await app.inject({
      method: 'POST',
      url: `/api/learners/${w.bob.id}/deactivate`,
      headers: admin.headers,
      payload: { reason: 'left_company' },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({
      changed: true,
      learner: { status: 'deactivated', platformAccess: false, deactivationReason: 'left_company' },
      effects: { membershipEnded: true },
    });
    expectError(
      await app.inject({
        method: 'POST',
        url: `/api/learners/${w.bob.id}/membership`,
        headers: admin.headers,
      }),
      409,
      'LEARNER_DEACTIVATED',
    );
    expectError(
      await app.inject({
        method: 'POST',
        url: `/api/learners/${w.bob.id}/invite`,
        headers: admin.headers,
      }),
      409,
      'LEARNER_DEACTIVATED',
    );
    const defaultReason = await app.inject({
      method: 'POST',
      url: `/api/learners/${w.bob.id}/deactivate`,
      ...bearer(w.adminToken),
    });
    expect(defaultReason.json()).toMatchObject({ changed: false });
    const on = await app.inject({
      method: 'POST',
      url: `/api/learners/${w.bob.id}/reactivate`,
      ...bearer(w.adminToken),
    });
    expect(on.json()).toMatchObject({
      changed: true,
      learner: { status: 'active', platformAccess: true },
      effects: { membershipRestored: true },
    });

    const events = await app.inject({
      method: 'GET',
      url: '/api/events?limit=1000',
      ...bearer(w.adminToken),
    });
    const page = events.json<{
      items: { type: string; learnerId: string; seq: number }[];
      nextAfter: number;
    }>();
    const bobs = page.items.filter((e) => e.learnerId === w.bob.id).map((e) => e.type);
    expect(bobs).toEqual(expect.arrayContaining(['learner.deactivated', 'learner.reactivated']));
    expect(page.nextAfter).toBe(page.items.at(-1)?.seq);
    const rest = await app.inject({
      method: 'GET',
      url: `/api/events?after=${page.nextAfter}`,
      ...bearer(w.adminToken),
    });
    expect(rest.json()).toEqual({ items: [], nextAfter: page.nextAfter });
    const firstTwo = await app.inject({
      method: 'GET',
      url: '/api/events?limit=2',
      ...bearer(w.adminToken),
    });
    expect(firstTwo.json<{ items: unknown[] }>().items).toHaveLength(2);

    const audit = await app.inject({ method: 'GET', url: '/api/audit', ...bearer(w.adminToken) });
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = audit.json<{
      items: {
        action: string;
        actorType: string;
        actorId: string | null;
        targetId: string | null;
      }[];
    }>().items;
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'learner.deactivated',
          actorType: 'user',
          actorId: w.admin.id,
          targetId: w.bob.id,
        }),
        expect.objectContaining({ action: 'learner.reactivated', actorType: 'token' }),
      ]),
    );
    const small = await app.inject({
      method: 'GET',
      url: '/api/audit?limit=1',
      ...bearer(w.adminToken),
    });
    const firstPage = small.json<{ items: unknown[]; nextBefore: string | null }>();
    expect(firstPage.items).toHaveLength(1);
    expect(typeof firstPage.nextBefore).toBe('string');
  });

  it('scopes events and audit to the tenant', async () => {
    const events = await app.inject({
      method: 'GET',
      url: '/api/events?limit=1000',
      ...bearer(other.adminToken),
    });
    const ids = new Set([other.alice.id, other.bob.id, other.carol.id]);
    const items = events.json<{ items: { learnerId: string }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => ids.has(e.learnerId))).toBe(true);
    const audit = await app.inject({
      method: 'GET',
      url: '/api/audit',
      ...bearer(other.adminToken),
    });
    expect(audit.body).not.toContain(w.bob.id);
  });
});
