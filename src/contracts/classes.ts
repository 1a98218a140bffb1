import { z } from 'zod';
import { LEARNER_STATUSES } from '../core/learner.ts';
import { idSchema, timestampSchema } from './common.ts';

const instant = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .meta({ description: 'ISO-8601 date-time with a zone, e.g. 2026-11-22T09:00:00Z.' });

export const classSchema = z.object({
  id: z.string(),
  programId: z.string(),
  title: z.string(),
  startsAt: timestampSchema,
  endsAt: timestampSchema,
  createdAt: timestampSchema,
});

export const createClassRequestSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  startsAt: instant,
  endsAt: instant,
});

export type CreateClassRequest = z.infer<typeof createClassRequestSchema>;

export const ATTENDANCE_VALUES = ['attended', 'absent'] as const;

export const enrollmentSchema = z.object({
  id: z.string(),
  classId: z.string(),
  learnerId: z.string(),
  enrolledAt: timestampSchema,
  attendance: z.enum(ATTENDANCE_VALUES).nullable(),
  attendanceRecordedAt: timestampSchema.nullable(),
});

export const rosterEntrySchema = enrollmentSchema.extend({
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  workEmail: z.string().nullable(),
  learnerStatus: z.enum(LEARNER_STATUSES),
});

export const classDetailSchema = z.object({
  class: classSchema,
  enrollments: z.array(rosterEntrySchema),
});

export const enrollRequestSchema = z.strictObject({ learnerId: idSchema });

export const enrollResponseSchema = z.object({
  enrollment: enrollmentSchema,
  enrolled: z.boolean().meta({ description: 'false when the learner was already enrolled.' }),
});

export const attendanceRequestSchema = z.strictObject({
  learnerId: idSchema,
  attendance: z.enum(ATTENDANCE_VALUES),
});

export const attendanceResponseSchema = z.object({ enrollment: enrollmentSchema });
