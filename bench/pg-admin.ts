import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs one administrative statement (create or drop a bench schema) on its own connection. */
export async function pgAdmin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh name for a throwaway bench schema. */
export function benchSchemaName(): string {
  return `rc_bench_${randomBytes(6).toString('hex')}`;
}
