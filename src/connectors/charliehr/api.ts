import { z } from 'zod';
import { exactIdSchema, looseTextSchema } from '../schemas.ts';

/**
 * Raw shapes of CharlieHR's API (shared/providers/charliehr/NOTES.md). Public material is thin:
 * the paths, the auth header, the `{success, data, meta}` envelope, `meta.next_url` paging and the
 * member keys `id`, `first_name`, `last_name`, `start_date` are confirmed by two independent
 * clients (§1–§3, §5). Every other key below is an assumption, listed on docs/connectors/charliehr.md.
 */

export const CHARLIEHR_PATHS = {
  teams: '/api/v1/teams',
  offices: '/api/v1/offices',
  teamMembers: '/api/v1/team_members',
} as const;

export type CharlieHrResource = keyof typeof CHARLIEHR_PATHS;

/**
 * The vendor field paths the mapper reads. CharlieHR has no field selection, so this is the
 * parse-time allowlist: every other key is dropped by the schemas below.
 */
export const CHARLIEHR_REQUESTED_FIELDS = [
  'team_members.id',
  'team_members.first_name',
  'team_members.last_name',
  'team_members.email',
  'team_members.job_title',
  'team_members.team',
  'team_members.office',
  'team_members.line_manager',
  'team_members.start_date',
  'team_members.end_date',
  'teams.id',
  'teams.name',
  'offices.id',
  'offices.name',
  'offices.country',
] as const;

/** Sensitive keys a team member may carry (NOTES §5): never read, so never stored or logged. */
export const CHARLIEHR_DENIED_FIELDS = [
  'team_members.date_of_birth',
  'team_members.gender',
  'team_members.married',
  'team_members.personal_email',
  'team_members.phone_number',
  'team_members.address_line_1',
  'team_members.address_line_2',
  'team_members.city',
  'team_members.postcode',
  'team_members.country',
  'team_members.national_insurance_number',
  'team_members.salary',
  'team_members.bank_account',
] as const;

/** One scalar; `""`, `null` and a missing key all mean unknown. */
const text = looseTextSchema;

/** Ids look like `team_member_XXX` (NOTES §5); an exact integer is tolerated. */
const idValue = exactIdSchema('numeric ids must be exact integers');

/**
 * A reference to a team, office or manager: its id, or (unconfirmed, tolerated) an embedded
 * object with an id and a name.
 */
const reference = z
  .union([idValue, z.object({ id: idValue, name: text })])
  .nullable()
  .optional();

export type RawReference = z.infer<typeof reference>;

/** One element of `/team_members` `data`; unknown keys are stripped while parsing. */
export const charlieHrTeamMemberSchema = z.object({
  id: idValue,
  first_name: text,
  last_name: text,
  email: text,
  job_title: text,
  team: reference,
  office: reference,
  line_manager: reference,
  start_date: text,
  end_date: text,
});
export type CharlieHrTeamMember = z.infer<typeof charlieHrTeamMemberSchema>;

export const charlieHrTeamSchema = z.object({ id: idValue, name: text });
export const charlieHrOfficeSchema = z.object({ id: idValue, name: text, country: text });

/** The envelope (NOTES §3): `success`, `data`, and `meta.next_url` while there is more. */
export const charlieHrPageSchema = z.object({
  success: z.literal(true),
  data: z.array(z.unknown()),
  meta: z.object({ next_url: z.string().nullable().optional() }).nullable().optional(),
});

/** Error bodies are undocumented (NOTES §7): whichever message key is there. */
export const charlieHrErrorBodySchema = z.object({
  message: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
});
