import type { Kysely, Selectable } from 'kysely';
import { newId } from '../../core/ids.ts';
import { randomToken, sha256 } from '../../core/secrets.ts';
import { toBool } from '../portable.ts';
import type { ConnectLinksTable, Database } from '../schema.ts';

/** Where a link stands; `pending` is the only status in which it can still connect. */
export type ConnectLinkStatus = 'pending' | 'used' | 'expired' | 'revoked';

/** A secure connect link (never exposes the token or its hash). */
export interface ConnectLink {
  id: string;
  tenantId: string;
  connectorId: string;
  sandbox: boolean;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedByName: string | null;
  usedByEmail: string | null;
  connectionId: string | null;
  revokedAt: string | null;
}

function toConnectLink(row: Selectable<ConnectLinksTable>): ConnectLink {
  const { tokenHash: _hash, sandbox, ...rest } = row;
  return { ...rest, sandbox: toBool(sandbox) };
}

/** A used or revoked link stays so forever; an unused one expires at `expiresAt`. */
export function connectLinkStatus(link: ConnectLink, now: string): ConnectLinkStatus {
  if (link.revokedAt !== null) return 'revoked';
  if (link.usedAt !== null) return 'used';
  return link.expiresAt <= now ? 'expired' : 'pending';
}

export const CONNECT_LINK_PREFIX = 'rcl_';

/** Creates a link; the returned `token` is shown once and only its sha256 is stored. */
export async function createConnectLink(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    connectorId: string;
    sandbox: boolean;
    createdBy: string | null;
    expiresAt: string;
  },
  now: string,
): Promise<{ token: string; link: ConnectLink }> {
  const token = randomToken(CONNECT_LINK_PREFIX);
  const row: Selectable<ConnectLinksTable> = {
    id: newId('cl'),
    tenantId: input.tenantId,
    connectorId: input.connectorId,
    sandbox: input.sandbox,
    tokenHash: sha256(token),
    createdBy: input.createdBy,
    createdAt: now,
    expiresAt: input.expiresAt,
    usedAt: null,
    usedByName: null,
    usedByEmail: null,
    connectionId: null,
    revokedAt: null,
  };
  await db.insertInto('connectLinks').values(row).execute();
  return { token, link: toConnectLink(row) };
}

/** The link a token opens, whatever its status; undefined for an unknown token. */
export async function findConnectLinkByToken(
  db: Kysely<Database>,
  token: string,
): Promise<ConnectLink | undefined> {
  const row = await db
    .selectFrom('connectLinks')
    .selectAll()
    .where('tokenHash', '=', sha256(token))
    .executeTakeFirst();
  return row ? toConnectLink(row) : undefined;
}

/** A link with the email of the console user who created it (null for an API token). */
export type ListedConnectLink = ConnectLink & { createdByEmail: string | null };

function listed(db: Kysely<Database>, tenantId: string) {
  return db
    .selectFrom('connectLinks')
    .leftJoin('users', 'users.id', 'connectLinks.createdBy')
    .selectAll('connectLinks')
    .select('users.email as createdByEmail')
    .where('connectLinks.tenantId', '=', tenantId);
}

function toListed({
  createdByEmail,
  ...row
}: Selectable<ConnectLinksTable> & { createdByEmail: string | null }): ListedConnectLink {
  return { ...toConnectLink(row), createdByEmail };
}

/** A tenant's links, newest first. */
export async function listConnectLinks(
  db: Kysely<Database>,
  tenantId: string,
): Promise<ListedConnectLink[]> {
  const rows = await listed(db, tenantId)
    .orderBy('connectLinks.createdAt', 'desc')
    .orderBy('connectLinks.id', 'desc')
    .execute();
  return rows.map(toListed);
}

export async function getConnectLink(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<ListedConnectLink | undefined> {
  const row = await listed(db, tenantId).where('connectLinks.id', '=', id).executeTakeFirst();
  return row ? toListed(row) : undefined;
}

/** Revokes an unused, unrevoked link; false when there is no such link. */
export async function revokeConnectLink(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('connectLinks')
    .set({ revokedAt: now })
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Marks a pending link used by the connection it created. The conditions make it single use
 * under concurrency: of two connects racing on one link, only one updates the row.
 */
export async function markConnectLinkUsed(
  db: Kysely<Database>,
  id: string,
  used: { name: string; email: string; connectionId: string },
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('connectLinks')
    .set({
      usedAt: now,
      usedByName: used.name,
      usedByEmail: used.email,
      connectionId: used.connectionId,
    })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
