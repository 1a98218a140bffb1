import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isCatalogRace, migrateToLatest, openStore } from './database.ts';
import { PG_URL } from './testing.ts';

describe('isCatalogRace', () => {
  const pgError = (message: string, code: string): Error =>
    Object.assign(new Error(message), { code });
  it('is a catalog object of another session gone mid-introspection, never ours or anything else', () => {
    const ours = 'rc_test_ours';
    const dropped = pgError('schema "rc_test_other" does not exist', '3F000');
    expect(isCatalogRace(dropped, undefined, ours)).toBe(true);
    expect(
      isCatalogRace(pgError('relation "rc_x.programs" does not exist', '42P01'), [], ours),
    ).toBe(true);
    expect(
      isCatalogRace(
        pgError('column "starts_at" of relation "classes" does not exist', '42703'),
        undefined,
        ours,
      ),
    ).toBe(true);
    // Our own schema gone, a migration of ours failing, or any other error: not a race.
    expect(
      isCatalogRace(pgError('schema "rc_test_ours" does not exist', '3F000'), undefined, ours),
    ).toBe(false);
    expect(
      isCatalogRace(
        dropped,
        [{ migrationName: '0009_scratch_snapshot', direction: 'Up', status: 'Error' }],
        ours,
      ),
    ).toBe(false);
    expect(isCatalogRace(pgError('syntax error at or near "x"', '42601'), undefined, ours)).toBe(
      false,
    );
    expect(isCatalogRace(new Error('schema "rc_test_other" does not exist'), undefined, ours)).toBe(
      false,
    );
    expect(isCatalogRace(undefined, undefined, ours)).toBe(false);
    expect(isCatalogRace(dropped, undefined, undefined)).toBe(false);
  });
});

describe.skipIf(!PG_URL)('migrating while other schemas are dropped [postgres]', () => {
  it('migrates every fresh schema although others disappear meanwhile', async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    let churning = true;
    // Another session creating and dropping schemas with tables, as parallel tests do.
    const churn = (async () => {
      for (let i = 0; churning; i += 1) {
        const name = `rc_churn_${process.pid}_${i}`;
        await admin.query(`create schema ${name}`);
        await admin.query(`create table ${name}.t (id serial primary key, a text)`);
        // Columns and relations come and go too (a migration elsewhere): Kysely's catalog query
        // resolves serial sequences per column and can meet one gone mid-query.
        await admin.query(`alter table ${name}.t add column b serial`);
        await admin.query(`alter table ${name}.t drop column b`);
        await admin.query(`drop table ${name}.t`);
        await admin.query(`drop schema ${name} cascade`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    try {
      for (let i = 0; i < 12; i += 1) {
        const schema = `rc_mig_${process.pid}_${i}`;
        await admin.query(`create schema ${schema}`);
        const store = openStore({ dataDir: '/tmp', databaseUrl: PG_URL ?? '', pgSchema: schema });
        try {
          expect((await migrateToLatest(store)).length).toBeGreaterThan(0);
        } finally {
          await store.close();
          await admin.query(`drop schema ${schema} cascade`);
        }
      }
    } finally {
      churning = false;
      await churn;
      await admin.end();
    }
  }, 120_000);
});
