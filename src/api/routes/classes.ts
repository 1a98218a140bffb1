import {
  attendanceRequestSchema,
  attendanceResponseSchema,
  classDetailSchema,
  enrollRequestSchema,
  enrollResponseSchema,
} from '../../contracts/classes.ts';
import { idParamsSchema } from '../../contracts/common.ts';
import {
  enrollInClass,
  listEnrollments,
  recordAttendance,
  requireClass,
} from '../../platform/classes.ts';
import { defineRoute } from '../registry.ts';

export const classRoutes = [
  defineRoute({
    operationId: 'getClass',
    method: 'GET',
    url: '/api/classes/:id',
    summary: 'A class with its roster (deactivated learners included) and attendance.',
    tag: 'classes',
    auth: 'member',
    params: idParamsSchema,
    response: classDetailSchema,
    handler: async ({ ctx, principal, params }) => {
      const db = ctx.deps.store.db;
      const cls = await requireClass(db, principal.tenantId, params.id);
      return { class: cls, enrollments: await listEnrollments(db, principal.tenantId, cls.id) };
    },
  }),
  defineRoute({
    operationId: 'enrollInClass',
    method: 'POST',
    url: '/api/classes/:id/enrollments',
    summary: 'Enrolls a learner in the class and its program (idempotent).',
    tag: 'classes',
    auth: 'admin',
    params: idParamsSchema,
    body: enrollRequestSchema,
    response: enrollResponseSchema,
    errors: ['LEARNER_DEACTIVATED'],
    handler: ({ ctx, principal, params, body, now }) =>
      enrollInClass(
        ctx.deps.store.db,
        {
          tenantId: principal.tenantId,
          classId: params.id,
          learnerId: body.learnerId,
          actor: principal.actor,
        },
        now,
      ),
  }),
  defineRoute({
    operationId: 'recordAttendance',
    method: 'POST',
    url: '/api/classes/:id/attendance',
    summary: 'Records whether an enrolled learner attended (once the class has started).',
    tag: 'classes',
    auth: 'admin',
    params: idParamsSchema,
    body: attendanceRequestSchema,
    response: attendanceResponseSchema,
    handler: async ({ ctx, principal, params, body, now }) => ({
      enrollment: await recordAttendance(
        ctx.deps.store.db,
        {
          tenantId: principal.tenantId,
          classId: params.id,
          learnerId: body.learnerId,
          attendance: body.attendance,
          actor: principal.actor,
        },
        now,
      ),
    }),
  }),
];
