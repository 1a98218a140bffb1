import { sql } from 'kysely';
import type { Store } from './database.ts';

/**
 * Runs a write that deletes secrets so that no copy survives in the store files: on SQLite the
 * write runs with `secure_delete` (freed content is zeroed) and the WAL is checkpointed and
 * truncated afterwards (old frames held the previous page images). PostgreSQL keeps old row
 * versions until VACUUM; the operator's backups and disk encryption cover that store.
 */
export async function withSecureErase<T>(store: Store, write: () => Promise<T>): Promise<T> {
  if (store.dialect !== 'sqlite') return write();
  await sql`PRAGMA secure_delete = ON`.execute(store.db);
  try {
    return await write();
  } finally {
    await sql`PRAGMA secure_delete = OFF`.execute(store.db);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
  }
}
