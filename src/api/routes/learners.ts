import type { Kysely } from 'kysely';
import { idParamsSchema } from '../../contracts/common.ts';
import {
  learnerDetailSchema,
  learnerListQuerySchema,
  learnerPageSchema,
} from '../../contracts/learners.ts';
import { AppError } from '../../core/errors.ts';
import { getLearner, listLearners } from '../../db/repositories/learners.ts';
import type { Database } from '../../db/schema.ts';
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
      const [membership, programs] = await Promise.all([
        getMembership(db, principal.tenantId, learner.id),
        learnerPrograms(db, principal.tenantId, learner.id),
      ]);
      return { learner, provenance: learner.provenance, membership: membership ?? null, programs };
    },
  }),
];

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
