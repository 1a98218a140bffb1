import { z } from 'zod';
import { LEARNER_STATUSES } from '../core/learner.ts';
import { idSchema, timestampSchema } from './common.ts';

export const programSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const programSummarySchema = programSchema.extend({
  counts: z.object({
    invited: z.number().int(),
    enrolled: z.number().int(),
    followUps: z.number().int(),
    classes: z.number().int(),
  }),
});

export const programListSchema = z.object({ items: z.array(programSummarySchema) });

export const createProgramRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().optional(),
});

export type CreateProgramRequest = z.infer<typeof createProgramRequestSchema>;

export const participantSchema = z.object({
  learnerId: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  workEmail: z.string().nullable(),
  learnerStatus: z.enum(LEARNER_STATUSES),
  status: z.enum(['invited', 'enrolled']),
  invitedAt: timestampSchema.nullable(),
  enrolledAt: timestampSchema.nullable(),
});

export const followUpSchema = z.object({
  learnerId: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  workEmail: z.string().nullable(),
  note: z.string().nullable(),
  addedAt: timestampSchema,
});

export const classSummarySchema = z.object({
  id: z.string(),
  programId: z.string(),
  title: z.string(),
  startsAt: timestampSchema,
  endsAt: timestampSchema,
  createdAt: timestampSchema,
  counts: z.object({
    enrolled: z.number().int(),
    attended: z.number().int(),
    absent: z.number().int(),
  }),
});

export const programDetailSchema = z.object({
  program: programSchema,
  participants: z.array(participantSchema),
  followUps: z.array(followUpSchema),
  classes: z.array(classSummarySchema),
});

export type ProgramDetail = z.infer<typeof programDetailSchema>;

export const addFollowUpRequestSchema = z.strictObject({
  learnerId: idSchema,
  note: z.string().trim().max(2000).nullable().optional(),
});

export const followUpParamsSchema = z.object({ id: idSchema, learnerId: idSchema });

export const followUpAddedSchema = z.object({ added: z.boolean() });
