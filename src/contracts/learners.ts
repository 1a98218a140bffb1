import { z } from 'zod';
import { EMPLOYMENT_STATUSES, PERSON_FIELDS } from '../core/employee.ts';
import { LEARNER_SOURCES, LEARNER_STATUSES } from '../core/learner.ts';
import { limitSchema, offsetSchema, timestampSchema } from './common.ts';

const text = z.string().nullable();
const isoDate = z.string().nullable().meta({ description: 'ISO date (YYYY-MM-DD) or null.' });

/** A learner as the API shows it: the allowlisted person fields plus platform state. */
export const learnerSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(LEARNER_STATUSES),
  platformAccess: z.boolean(),
  source: z.enum(LEARNER_SOURCES),
  connectionId: text,
  externalId: text,
  employeeNumber: text,
  firstName: text,
  lastName: text,
  workEmail: text,
  department: text,
  departmentId: text,
  departmentType: text,
  jobTitle: text,
  employeeType: text,
  location: text,
  locationId: text,
  country: text,
  managerExternalId: text,
  managerName: text,
  managerEmail: text,
  employmentStatus: z.enum(EMPLOYMENT_STATUSES).nullable(),
  startDate: isoDate,
  terminationDate: isoDate,
  deactivationReason: text,
  deactivatedAt: timestampSchema.nullable(),
  invitedAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export type LearnerDto = z.infer<typeof learnerSchema>;

export const learnerListQuerySchema = z.strictObject({
  status: z.enum(LEARNER_STATUSES).optional(),
  source: z.enum(LEARNER_SOURCES).optional(),
  department: z.string().trim().min(1).max(200).optional(),
  location: z.string().trim().min(1).max(200).optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Case-insensitive part of the first name, last name or work email.' }),
  limit: limitSchema(50, 500),
  offset: offsetSchema,
});

export type LearnerListQuery = z.infer<typeof learnerListQuerySchema>;

export const learnerPageSchema = z.object({
  items: z.array(learnerSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export type LearnerPage = z.infer<typeof learnerPageSchema>;

export const fieldProvenanceSchema = z.object({
  source: z.enum(LEARNER_SOURCES),
  at: timestampSchema,
  connectionId: z.string().optional(),
});

export const membershipSchema = z.object({
  id: z.string(),
  learnerId: z.string(),
  status: z.enum(['active', 'ended']),
  startedAt: timestampSchema,
  endedAt: timestampSchema.nullable(),
  endedReason: z.string().nullable(),
});

export type MembershipDto = z.infer<typeof membershipSchema>;

export const learnerProgramSchema = z.object({
  programId: z.string(),
  programName: z.string(),
  status: z.enum(['invited', 'enrolled']),
  invitedAt: timestampSchema.nullable(),
  enrolledAt: timestampSchema.nullable(),
});

export const learnerClassSchema = z.object({
  classId: z.string(),
  title: z.string(),
  programId: z.string(),
  programName: z.string(),
  startsAt: timestampSchema,
  endsAt: timestampSchema,
  enrolledAt: timestampSchema,
  attendance: z.enum(['attended', 'absent']).nullable(),
});

export const learnerDetailSchema = z.object({
  learner: learnerSchema,
  provenance: z
    .record(z.string(), fieldProvenanceSchema)
    .meta({ description: 'Per person field: where its current value came from, and when.' }),
  membership: membershipSchema.nullable(),
  programs: z.array(learnerProgramSchema),
  classes: z.array(learnerClassSchema).meta({
    description: 'Class enrollments, newest class first; past ones stay after a deactivation.',
  }),
});

export type LearnerDetail = z.infer<typeof learnerDetailSchema>;

export const deactivateRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(200).optional(),
});

export const endMembershipRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(200).default('ended_by_admin'),
});

export const learnerResponseSchema = z.object({ learner: learnerSchema });

export const membershipResponseSchema = z.object({
  membership: membershipSchema.nullable(),
  changed: z.boolean(),
});

export const inviteResponseSchema = z.object({
  sent: z.boolean().meta({ description: 'false when the invite had already been sent once.' }),
  learner: learnerSchema,
});

export const learnerProgramParamsSchema = z.object({
  id: z.string().trim().min(1).max(100),
  programId: z.string().trim().min(1).max(100),
});

export const deactivateResponseSchema = z.object({
  learner: learnerSchema,
  changed: z.boolean().meta({ description: 'false when the learner was already deactivated.' }),
  effects: z.object({
    membershipEnded: z.boolean(),
    futureEnrollmentsRemoved: z.number().int(),
    followUpsRemoved: z.number().int(),
  }),
});

export const reactivateResponseSchema = z.object({
  learner: learnerSchema,
  changed: z.boolean().meta({ description: 'false when the learner was not deactivated.' }),
  effects: z.object({ membershipRestored: z.boolean() }),
});

const facetSchema = z.object({ value: z.string(), learners: z.number().int() });

export const learnerFacetsSchema = z.object({
  departments: z.array(facetSchema),
  locations: z.array(facetSchema),
});

export type LearnerFacets = z.infer<typeof learnerFacetsSchema>;

/** Who caused a history entry: a console user, an API token, the CLI, a sync, a CSV import. */
export const HISTORY_ORIGINS = [
  'user',
  'token',
  'cli',
  'hris_sync',
  'csv_import',
  'system',
] as const;

export const learnerHistoryQuerySchema = z.strictObject({
  limit: limitSchema(50, 500),
});

export const learnerHistoryEntrySchema = z.object({
  id: z.string(),
  at: timestampSchema,
  action: z.string().meta({
    description:
      'learner.created|updated|linked|deactivated|reactivated|invited, membership.activated|ended, ' +
      'class.enrolled|attendance_recorded, program.follow_up_added|follow_up_removed.',
  }),
  version: z
    .number()
    .int()
    .nullable()
    .meta({ description: "The learner's version for changes of the learner itself." }),
  by: z.object({
    origin: z.enum(HISTORY_ORIGINS),
    id: z.string().nullable(),
    name: z.string().nullable().meta({ description: "A user's email or a token's name." }),
  }),
  changes: z.array(
    z.object({
      field: z.enum(PERSON_FIELDS),
      from: z
        .string()
        .nullable()
        .optional()
        .meta({ description: 'Absent when the earlier value is not in this page.' }),
      to: z.string().nullable(),
    }),
  ),
  reason: z.string().nullable(),
  program: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  class: z.object({ id: z.string(), title: z.string().nullable() }).nullable(),
  attendance: z.enum(['attended', 'absent']).nullable(),
  effects: z
    .object({
      membershipEnded: z.boolean().optional(),
      futureEnrollmentsRemoved: z.number().int().optional(),
      followUpsRemoved: z.number().int().optional(),
      membershipRestored: z.boolean().optional(),
    })
    .nullable(),
});

export type LearnerHistoryEntry = z.infer<typeof learnerHistoryEntrySchema>;

export const learnerHistorySchema = z.object({
  items: z.array(learnerHistoryEntrySchema),
  hasMore: z.boolean().meta({ description: 'true when older entries exist beyond `limit`.' }),
});

export type LearnerHistory = z.infer<typeof learnerHistorySchema>;
