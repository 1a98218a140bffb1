import { attendanceReportQuerySchema, attendanceReportSchema } from '../../contracts/reports.ts';
import { toIso } from '../../core/time.ts';
import { attendanceReport } from '../../platform/reports.ts';
import { defineRoute } from '../registry.ts';

export const reportRoutes = [
  defineRoute({
    operationId: 'attendanceReport',
    method: 'GET',
    url: '/api/reports/attendance',
    summary: 'Attendance per department, location or program; deactivated learners keep counting.',
    tag: 'reports',
    auth: 'member',
    query: attendanceReportQuerySchema,
    response: attendanceReportSchema,
    handler: async ({ ctx, principal, query, now }) => ({
      groupBy: query.groupBy,
      generatedAt: toIso(now),
      rows: await attendanceReport(ctx.deps.store.db, principal.tenantId, query.groupBy, now),
    }),
  }),
];
