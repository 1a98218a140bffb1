import { z } from 'zod';
import { classSchema, createClassRequestSchema } from '../../contracts/classes.ts';
import { idParamsSchema } from '../../contracts/common.ts';
import {
  addFollowUpRequestSchema,
  createProgramRequestSchema,
  followUpAddedSchema,
  followUpParamsSchema,
  programDetailSchema,
  programListSchema,
  programSchema,
} from '../../contracts/programs.ts';
import { createClass, listClasses } from '../../platform/classes.ts';
import {
  addFollowUp,
  createProgram,
  listFollowUps,
  listParticipants,
  listPrograms,
  removeFollowUp,
  requireProgram,
} from '../../platform/programs.ts';
import { defineRoute } from '../registry.ts';

export const programRoutes = [
  defineRoute({
    operationId: 'listPrograms',
    method: 'GET',
    url: '/api/programs',
    summary: 'Programs by name, with participant, follow-up and class counts.',
    tag: 'programs',
    auth: 'member',
    response: programListSchema,
    handler: async ({ ctx, principal }) => ({
      items: await listPrograms(ctx.deps.store.db, principal.tenantId),
    }),
  }),
  defineRoute({
    operationId: 'createProgram',
    method: 'POST',
    url: '/api/programs',
    summary: 'Creates a program (names are unique per tenant).',
    tag: 'programs',
    auth: 'admin',
    body: createProgramRequestSchema,
    response: programSchema,
    status: 201,
    errors: ['CONFLICT'],
    handler: ({ ctx, principal, body, now }) =>
      createProgram(
        ctx.deps.store.db,
        {
          tenantId: principal.tenantId,
          name: body.name,
          description: body.description,
          actor: principal.actor,
        },
        now,
      ),
  }),
  defineRoute({
    operationId: 'getProgram',
    method: 'GET',
    url: '/api/programs/:id',
    summary: 'A program with its participants, follow-up list and classes.',
    tag: 'programs',
    auth: 'member',
    params: idParamsSchema,
    response: programDetailSchema,
    handler: async ({ ctx, principal, params }) => {
      const db = ctx.deps.store.db;
      const program = await requireProgram(db, principal.tenantId, params.id);
      const [participants, followUps, classes] = await Promise.all([
        listParticipants(db, principal.tenantId, program.id),
        listFollowUps(db, principal.tenantId, program.id),
        listClasses(db, principal.tenantId, program.id),
      ]);
      return { program, participants, followUps, classes };
    },
  }),
  defineRoute({
    operationId: 'createClass',
    method: 'POST',
    url: '/api/programs/:id/classes',
    summary: 'Schedules a class in the program.',
    tag: 'programs',
    auth: 'admin',
    params: idParamsSchema,
    body: createClassRequestSchema,
    response: classSchema,
    status: 201,
    handler: ({ ctx, principal, params, body, now }) =>
      createClass(
        ctx.deps.store.db,
        { tenantId: principal.tenantId, programId: params.id, ...body, actor: principal.actor },
        now,
      ),
  }),
  defineRoute({
    operationId: 'addFollowUp',
    method: 'POST',
    url: '/api/programs/:id/follow-ups',
    summary: 'Puts a learner on the program\'s "learners to follow up" list (idempotent).',
    tag: 'programs',
    auth: 'admin',
    params: idParamsSchema,
    body: addFollowUpRequestSchema,
    response: followUpAddedSchema,
    errors: ['LEARNER_DEACTIVATED'],
    handler: ({ ctx, principal, params, body, now }) =>
      addFollowUp(
        ctx.deps.store.db,
        {
          tenantId: principal.tenantId,
          programId: params.id,
          learnerId: body.learnerId,
          note: body.note,
          actor: principal.actor,
        },
        now,
      ),
  }),
  defineRoute({
    operationId: 'removeFollowUp',
    method: 'DELETE',
    url: '/api/programs/:id/follow-ups/:learnerId',
    summary: "Takes a learner off the program's follow-up list (idempotent).",
    tag: 'programs',
    auth: 'admin',
    params: followUpParamsSchema,
    response: z.object({ removed: z.boolean() }),
    handler: ({ ctx, principal, params, now }) =>
      removeFollowUp(
        ctx.deps.store.db,
        {
          tenantId: principal.tenantId,
          programId: params.id,
          learnerId: params.learnerId,
          actor: principal.actor,
        },
        now,
      ),
  }),
];
