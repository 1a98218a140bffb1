import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isOtherSchemaDropped, migrateToLatest, openStore } from './database.ts';
import { PG_URL } from './testing.ts';

describe('isOtherSchemaDropped', () => {
  it('is the catalog error about another schema, never about ours or anything else', () => {
    const dropped = new Error('schema "rc_test_other" does not exist');
    expect(isOtherSchemaDropped(dropped, 'rc_test_ours')).toBe(true);
    expect(
      isOtherSchemaDropped(new Error('schema "rc_test_ours" does not exist'), 'rc_test_ours'),
    ).toBe(false);
    expect(isOtherSchemaDropped(new Error('relation "x" does not exist'), 'rc_test_ours')).toBe(
      false,
    );
    expect(isOtherSchemaDropped(undefined, 'rc_test_ours')).toBe(false);
    expect(isOtherSchemaDropped(dropped, undefined)).toBe(false);
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
        await admin.query(`drop schema ${name} cascade`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    try {
      for (let i = 0; i < 6; i += 1) {
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
