import { idParamsSchema } from '../../contracts/common.ts';
import {
  deactivateRequestSchema,
  deactivateResponseSchema,
  endMembershipRequestSchema,
  inviteResponseSchema,
  learnerProgramParamsSchema,
  membershipResponseSchema,
  reactivateResponseSchema,
} from '../../contracts/learners.ts';
import { deactivateLearner } from '../../platform/deactivate.ts';
import { inviteLearner, inviteToProgram } from '../../platform/invites.ts';
import { activateMembership, endMembership } from '../../platform/memberships.ts';
import { reactivateLearner } from '../../platform/reactivate.ts';
import { defineRoute } from '../registry.ts';

/** The reason stored when an admin deactivates without giving one. */
export const ADMIN_DEACTIVATION_REASON = 'deactivated_by_admin';

export const learnerActionRoutes = [
  defineRoute({
    operationId: 'inviteLearner',
    method: 'POST',
    url: '/api/learners/:id/invite',
    summary: 'Sends the platform invite (at most once ever per learner).',
    description:
      'With an HRIS connected, only people it lists as active or pending can be invited (UNKNOWN_TO_HRIS).',
    tag: 'learners',
    auth: 'admin',
    params: idParamsSchema,
    response: inviteResponseSchema,
    errors: ['UNKNOWN_TO_HRIS', 'LEARNER_DEACTIVATED'],
    handler: ({ ctx, principal, params, now }) =>
      inviteLearner(
        ctx.deps.store.db,
        {
          tenantId: principal.tenantId,
          learnerId: params.id,
          actor: principal.actor,
          gate: ctx.deps.hrisGate,
        },
        now,
      ),
  }),
  defineRoute({
    operationId: 'inviteLearnerToProgram',
    method: 'POST',
    url: '/api/learners/:id/programs/:programId/invite',
    summary: 'Invites a learner to a program (a separate invite from the platform one).',
    description:
      'With an HRIS connected, only people it lists as active or pending can be invited (UNKNOWN_TO_HRIS).',
    tag: 'learners',
    auth: 'admin',
    params: learnerProgramParamsSchema,
    response: inviteResponseSchema,
    errors: ['UNKNOWN_TO_HRIS', 'LEARNER_DEACTIVATED'],
    handler: ({ ctx, principal, params, now }) =>
      inviteToProgram(
        ctx.deps.store.db,
        {
          tenantId: principal.tenantId,
          learnerId: params.id,
          programId: params.programId,
          actor: principal.actor,
          gate: ctx.deps.hrisGate,
        },
        now,
      ),
  }),
  defineRoute({
    operationId: 'deactivateLearner',
    method: 'POST',
    url: '/api/learners/:id/deactivate',
    summary:
      'Deactivates a learner: access revoked, membership ended, future classes and follow-ups removed.',
    description: 'Past enrollments and attendance stay and keep appearing in reports.',
    tag: 'learners',
    auth: 'admin',
    params: idParamsSchema,
    body: deactivateRequestSchema,
    response: deactivateResponseSchema,
    handler: ({ ctx, principal, params, body, now }) =>
      deactivateLearner(
        ctx.deps.store.db,
        {
          tenantId: principal.tenantId,
          learnerId: params.id,
          reason: body.reason ?? ADMIN_DEACTIVATION_REASON,
          actor: principal.actor,
        },
        now,
      ),
  }),
  defineRoute({
    operationId: 'reactivateLearner',
    method: 'POST',
    url: '/api/learners/:id/reactivate',
    summary:
      'Reactivates a learner: access back, a membership a deactivation ended is restored; enrollments are not.',
    tag: 'learners',
    auth: 'admin',
    params: idParamsSchema,
    response: reactivateResponseSchema,
    handler: ({ ctx, principal, params, now }) =>
      reactivateLearner(
        ctx.deps.store.db,
        { tenantId: principal.tenantId, learnerId: params.id, actor: principal.actor },
        now,
      ),
  }),
  defineRoute({
    operationId: 'activateMembership',
    method: 'POST',
    url: '/api/learners/:id/membership',
    summary: 'Gives the learner a paid seat (idempotent).',
    tag: 'learners',
    auth: 'admin',
    params: idParamsSchema,
    response: membershipResponseSchema,
    errors: ['LEARNER_DEACTIVATED'],
    handler: ({ ctx, principal, params, now }) =>
      activateMembership(
        ctx.deps.store.db,
        { tenantId: principal.tenantId, learnerId: params.id, actor: principal.actor },
        now,
      ),
  }),
  defineRoute({
    operationId: 'endMembership',
    method: 'DELETE',
    url: '/api/learners/:id/membership',
    summary: "Ends the learner's paid seat (idempotent).",
    tag: 'learners',
    auth: 'admin',
    params: idParamsSchema,
    body: endMembershipRequestSchema,
    response: membershipResponseSchema,
    handler: async ({ ctx, principal, params, body, now }) => {
      const result = await endMembership(
        ctx.deps.store.db,
        {
          tenantId: principal.tenantId,
          learnerId: params.id,
          reason: body.reason,
          actor: principal.actor,
        },
        now,
      );
      return { membership: result.membership ?? null, changed: result.changed };
    },
  }),
];
