import type { Kysely } from 'kysely';
import { idParamsSchema } from '../../contracts/common.ts';
import {
  learnerDetailSchema,
  learnerFacetsSchema,
  learnerHistoryQuerySchema,
  learnerHistorySchema,
  learnerListQuerySchema,
  learnerPageSchema,
} from '../../contracts/learners.ts';
import { AppError } from '../../core/errors.ts';
import { getLearner, listLearners } from '../../db/repositories/learners.ts';
import type { Database } from '../../db/schema.ts';
import { toCount } from '../../db/portable.ts';
import { learnerHistory } from '../../platform/learner-history.ts';
import { getMembership } from '../../platform/memberships.ts';
import { defineRoute } from '../registry.ts';

export const learnerReadRoutes = [
  defineRoute({
    operationId: 'listLearners',
    method: 'GET',
    url: '/api/learners',
    summary: 'Learners by last name, filtered and paged.',
    tag: 'learners',
    auth: 'member',
    query: learnerListQuerySchema,
    response: learnerPageSchema,
    handler: async ({ ctx, principal, query }) => {
      const page = await listLearners(
        ctx.deps.store.db,
        principal.tenantId,
        {
          status: query.status,
          source: query.source,
          department: query.department,
          location: query.location,
          search: query.q,
        },
        { limit: query.limit, offset: query.offset },
      );
      return { ...page, limit: query.limit, offset: query.offset };
    },
  }),
  defineRoute({
    operationId: 'learnerFacets',
    method: 'GET',
    url: '/api/learners/facets',
    summary: 'The departments and locations learners have, with counts (for list filters).',
    tag: 'learners',
    auth: 'member',
    response: learnerFacetsSchema,
    handler: async ({ ctx, principal }) => {
      const db = ctx.deps.store.db;
      const [departments, locations] = await Promise.all([
        facet(db, principal.tenantId, 'department'),
        facet(db, principal.tenantId, 'location'),
      ]);
      return { departments, locations };
    },
  }),
  defineRoute({
    operationId: 'getLearner',
    method: 'GET',
    url: '/api/learners/:id',
    summary: 'One learner with field provenance, membership and program participation.',
    tag: 'learners',
    auth: 'member',
    params: idParamsSchema,
    response: learnerDetailSchema,
    handler: async ({ ctx, principal, params }) => {
      const db = ctx.deps.store.db;
      const learner = await getLearner(db, principal.tenantId, params.id);
      if (!learner) throw new AppError('NOT_FOUND', `No learner ${params.id}.`);
      const [membership, programs, classes] = await Promise.all([
        getMembership(db, principal.tenantId, learner.id),
        learnerPrograms(db, principal.tenantId, learner.id),
        learnerClasses(db, principal.tenantId, learner.id),
      ]);
      return {
        learner,
        provenance: learner.provenance,
        membership: membership ?? null,
        programs,
        classes,
      };
    },
  }),
  defineRoute({
    operationId: 'getLearnerHistory',
    method: 'GET',
    url: '/api/learners/:id/history',
    summary:
      "The learner's history, newest first: changes, invites, deactivations and who did them.",
    description:
      'Built from the outbox and the audit log; it names the allowlisted fields that changed, never other data.',
    tag: 'learners',
    auth: 'member',
    params: idParamsSchema,
    query: learnerHistoryQuerySchema,
    response: learnerHistorySchema,
    handler: async ({ ctx, principal, params, query }) => {
      const db = ctx.deps.store.db;
      const learner = await getLearner(db, principal.tenantId, params.id);
      if (!learner) throw new AppError('NOT_FOUND', `No learner ${params.id}.`);
      return learnerHistory(db, principal.tenantId, learner.id, query.limit);
    },
  }),
];

/** Distinct non-null values of one column with their learner counts, by value. */
async function facet(db: Kysely<Database>, tenantId: string, column: 'department' | 'location') {
  const rows = await db
    .selectFrom('learners')
    .select((eb) => [eb.ref(column).as('value'), eb.fn.countAll<number | string>().as('n')])
    .where('tenantId', '=', tenantId)
    .where(column, 'is not', null)
    .groupBy(column)
    .orderBy(column)
    .execute();
  return rows.flatMap((r) =>
    r.value === null ? [] : [{ value: r.value, learners: toCount(r.n) }],
  );
}

/** The learner's class enrollments with class and program, newest class first. */
function learnerClasses(db: Kysely<Database>, tenantId: string, learnerId: string) {
  return db
    .selectFrom('classEnrollments as e')
    .innerJoin('classes as c', 'c.id', 'e.classId')
    .innerJoin('programs as p', 'p.id', 'c.programId')
    .select([
      'c.id as classId',
      'c.title',
      'c.programId',
      'p.name as programName',
      'c.startsAt',
      'c.endsAt',
      'e.enrolledAt',
      'e.attendance',
    ])
    .where('e.tenantId', '=', tenantId)
    .where('e.learnerId', '=', learnerId)
    .orderBy('c.startsAt', 'desc')
    .execute();
}

/** The programs a learner takes part in (one indexed join), for the learner's detail page. */
function learnerPrograms(db: Kysely<Database>, tenantId: string, learnerId: string) {
  return db
    .selectFrom('programParticipants as pp')
    .innerJoin('programs as p', 'p.id', 'pp.programId')
    .select(['pp.programId', 'p.name as programName', 'pp.status', 'pp.invitedAt', 'pp.enrolledAt'])
    .where('pp.tenantId', '=', tenantId)
    .where('pp.learnerId', '=', learnerId)
    .orderBy('p.name')
    .execute();
}
