import { z } from 'zod';

export const REPORT_GROUPINGS = ['department', 'location', 'program'] as const;

export const attendanceReportQuerySchema = z.strictObject({
  groupBy: z.enum(REPORT_GROUPINGS).default('department'),
});

export const attendanceRowSchema = z.object({
  group: z.string().nullable().meta({ description: 'null for learners without one.' }),
  learners: z.number().int(),
  deactivatedLearners: z.number().int(),
  pastSessions: z.number().int().meta({ description: 'Enrollments in classes already started.' }),
  attended: z.number().int(),
  absent: z.number().int(),
  attendanceRate: z.number().nullable(),
});

export const attendanceReportSchema = z.object({
  groupBy: z.enum(REPORT_GROUPINGS),
  generatedAt: z.string(),
  rows: z.array(attendanceRowSchema),
});
