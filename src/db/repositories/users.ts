import type { Kysely, Selectable } from 'kysely';
import { isPlausibleEmail, normalizeEmail } from '../../core/employee.ts';
import { AppError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { Role } from '../../core/learner.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../core/secrets.ts';
import type { ApiTokensTable, Database, UsersTable } from '../schema.ts';

/** A console user of one tenant (never exposes the password hash). */
export interface User {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    tenantId: row.tenantId,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.createdAt,
  };
}

export const MIN_PASSWORD_LENGTH = 10;

export async function createUser(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    email: string;
    name?: string | undefined;
    role: Role;
    password: string;
  },
  now: string,
): Promise<User> {
  const email = normalizeEmail(input.email);
  if (!email || !isPlausibleEmail(email))
    throw new AppError('VALIDATION_FAILED', `"${input.email}" is not an email address`);
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'VALIDATION_FAILED',
      `the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  const taken = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  if (taken) throw new AppError('EMAIL_TAKEN', `a user with email ${email} already exists`);
  const row: Selectable<UsersTable> = {
    id: newId('usr'),
    tenantId: input.tenantId,
    email,
    name: input.name ?? email.split('@')[0] ?? email,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    createdAt: now,
    updatedAt: now,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

export async function getUser(db: Kysely<Database>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function findUserByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<User | undefined> {
  const normalized = normalizeEmail(email);
  if (!normalized) return undefined;
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normalized)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function listUsers(db: Kysely<Database>, tenantId: string): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .orderBy('email')
    .execute();
  return rows.map(toUser);
}

/** The user when email and password match; undefined otherwise (same time either way). */
export async function authenticateUser(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<User | undefined> {
  const normalized = normalizeEmail(email) ?? '';
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normalized)
    .executeTakeFirst();
  // Verify against a dummy hash when the user does not exist, so timing does not reveal accounts.
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  return row && ok ? toUser(row) : undefined;
}

const DUMMY_HASH =
  'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function setPassword(
  db: Kysely<Database>,
  userId: string,
  password: string,
  now: string,
): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'VALIDATION_FAILED',
      `the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  await db
    .updateTable('users')
    .set({ passwordHash: await hashPassword(password), updatedAt: now })
    .where('id', '=', userId)
    .execute();
}

// Sessions ------------------------------------------------------------------------------------

export interface Session {
  id: string;
  userId: string;
  tenantId: string;
  csrfToken: string;
  expiresAt: string;
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Creates a session; returns the cookie token (stored only as its hash) and the CSRF token. */
export async function createSession(
  db: Kysely<Database>,
  user: User,
  now: Date,
): Promise<{ token: string; session: Session }> {
  const token = randomToken();
  const session: Session = {
    id: sha256(token),
    userId: user.id,
    tenantId: user.tenantId,
    csrfToken: randomToken(),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  };
  await db
    .insertInto('sessions')
    .values({ ...session, createdAt: now.toISOString(), lastSeenAt: now.toISOString() })
    .execute();
  return { token, session };
}

/** The live session for a cookie token, or undefined when unknown or expired. */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<Session | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'userId', 'tenantId', 'csrfToken', 'expiresAt'])
    .where('id', '=', sha256(token))
    .where('expiresAt', '>', now.toISOString())
    .executeTakeFirst();
  return row;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

// API tokens ----------------------------------------------------------------------------------

export interface ApiToken {
  id: string;
  tenantId: string;
  name: string;
  tokenPrefix: string;
  role: Role;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  const { tokenHash: _hash, ...rest } = row;
  return rest;
}

export const API_TOKEN_PREFIX = 'rc_';

/** Creates an API token; the returned `token` is shown once and never stored. */
export async function createApiToken(
  db: Kysely<Database>,
  input: { tenantId: string; name: string; role: Role; createdBy: string | null },
  now: string,
): Promise<{ token: string; apiToken: ApiToken }> {
  const token = randomToken(API_TOKEN_PREFIX);
  const row: Selectable<ApiTokensTable> = {
    id: newId('tok'),
    tenantId: input.tenantId,
    name: input.name,
    tokenHash: sha256(token),
    tokenPrefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    role: input.role,
    createdBy: input.createdBy,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  await db.insertInto('apiTokens').values(row).execute();
  return { token, apiToken: toApiToken(row) };
}

/** The live (not revoked) token for a bearer value; records its last use. */
export async function findApiToken(
  db: Kysely<Database>,
  token: string,
  now: string,
): Promise<ApiToken | undefined> {
  const row = await db
    .selectFrom('apiTokens')
    .selectAll()
    .where('tokenHash', '=', sha256(token))
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
  return toApiToken({ ...row, lastUsedAt: now });
}

export async function listApiTokens(db: Kysely<Database>, tenantId: string): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('apiTokens')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .orderBy('createdAt')
    .execute();
  return rows.map(toApiToken);
}

export async function revokeApiToken(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('apiTokens')
    .set({ revokedAt: now })
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
