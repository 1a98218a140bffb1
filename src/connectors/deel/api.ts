import { z } from 'zod';
import { looseTextSchema } from '../schemas.ts';

/**
 * Raw shapes of Deel's REST API v2 people list (`GET /rest/v2/people`), as sent
 * (shared/providers/deel/NOTES.md §2, §5). Offset/limit paging with a `page` envelope.
 */

export const DEEL_PRODUCTION_ORIGIN = 'https://api.letsdeel.com';
export const DEEL_SANDBOX_HOST = 'api-sandbox.demo.deel.com';
export const DEEL_PEOPLE_PATH = '/rest/v2/people';

/** 100 is the largest page every Deel source allows (the spec says 200, the guide 100). */
export const DEEL_PAGE_SIZE = 100;

/**
 * Deel has no field selection: each person arrives whole. These are the vendor paths the mapper
 * reads (its allowlist); everything else is stripped by the parser.
 */
export const DEEL_REQUESTED_FIELDS = [
  'id',
  'external_id',
  'first_name',
  'last_name',
  'emails[type=work].value',
  'job_title',
  'hiring_type',
  'hiring_status',
  'department.id',
  'department.name',
  'work_location',
  'country',
  'direct_manager.id',
  'direct_manager.first_name',
  'direct_manager.last_name',
  'direct_manager.work_email',
  'start_date',
  'direct_employee_termination_last_day',
  'employments.work_email',
  'employments.is_ended',
  'employments.termination_last_day',
] as const;

/** Sensitive fields a person carries (NOTES §5) that the mapper never reads. */
export const DEEL_DENIED_FIELDS = [
  'birth_date',
  'nationality',
  'nationalities',
  'addresses',
  'emails[type=personal].value',
  'emails[type=primary].value',
  'employments.payment',
  'employments.email',
] as const;

const text = looseTextSchema;

/** Ids are UUID strings for people; departments use numbers in some answers (NOTES §8). */
const id = text;

function nested<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape).nullable().optional();
}

/**
 * `emails[]` → the `work` address only. Primary and personal addresses (often the same private
 * address, NOTES §5) are dropped here, so they never leave the parser.
 */
const workEmail = z
  .array(z.object({ type: z.string().nullable().optional(), value: text }).catch({}))
  .nullable()
  .optional()
  .catch(null)
  .transform((emails) => {
    const work = (emails ?? []).find((e) => e.type?.trim().toLowerCase() === 'work');
    return work?.value ?? null;
  });

const employment = z
  .object({
    work_email: text,
    is_ended: z.boolean().nullable().optional(),
    termination_last_day: text,
  })
  .catch({});

/** One element of `data`. Unknown keys are stripped at every level while parsing. */
export const deelPersonSchema = z.object({
  id,
  external_id: text,
  first_name: text,
  last_name: text,
  emails: workEmail,
  job_title: text,
  hiring_type: text,
  hiring_status: text,
  department: nested({ id, name: text }).catch(null),
  work_location: text,
  country: text,
  direct_manager: nested({
    id,
    first_name: text,
    last_name: text,
    work_email: text,
  }).catch(null),
  start_date: text,
  direct_employee_termination_last_day: text,
  employments: z.array(employment).nullable().optional().catch(null),
});

export type DeelPerson = z.infer<typeof deelPersonSchema>;

/** The list envelope: `data` plus a `page` that may be absent (NOTES §3). */
export const deelPageSchema = z.object({
  data: z.array(z.unknown()),
  page: z
    .object({ total_rows: z.number().int().nonnegative().optional() })
    .nullable()
    .optional()
    .catch(null),
});

/** Deel's one error schema for every 4xx/5xx (NOTES §7). */
export const deelErrorBodySchema = z.object({
  request: z
    .object({ code: z.union([z.string(), z.number()]).optional() })
    .optional()
    .catch({}),
  errors: z
    .array(z.object({ message: z.string().optional(), path: z.string().optional() }).catch({}))
    .optional()
    .catch([]),
});
