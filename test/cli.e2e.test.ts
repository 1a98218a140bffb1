import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_NAMES } from '../src/db/migrations/index.ts';
import { PG_URL } from '../src/db/testing.ts';
import { createPgSchema } from './pg-schema.ts';
import { ROOT, runCli, tempDir } from './helpers.ts';

const EXAMPLE_CSV = path.join(ROOT, 'examples', 'learners.csv');

for (const dialect of ['sqlite', 'postgres'] as const) {
  const run = dialect === 'sqlite' || PG_URL ? describe : describe.skip;
  run(
    `rollcall CLI end to end [${dialect}]${dialect === 'postgres' && !PG_URL ? ' — SKIP: set ROLLCALL_TEST_PG_URL' : ''}`,
    () => {
      const env: Record<string, string> = {};
      let drop: (() => Promise<void>) | undefined;

      beforeAll(async () => {
        env['ROLLCALL_DATA_DIR'] = path.join(tempDir('rollcall-cli-'), 'nested', 'data');
        if (dialect === 'postgres' && PG_URL) {
          const schema = await createPgSchema(PG_URL);
          env['DATABASE_URL'] = schema.url;
          drop = () => schema.drop();
        }
      });
      afterAll(async () => {
        await drop?.();
      });

      it('migrates on demand and says when the store is up to date', async () => {
        const first = await runCli(['migrate', '--json'], { env });
        expect(first.code).toBe(0);
        expect(JSON.parse(first.stdout)).toMatchObject({
          store: dialect,
          applied: [...MIGRATION_NAMES],
        });
        const second = await runCli(['migrate', '--json'], { env });
        expect(JSON.parse(second.stdout)).toMatchObject({ applied: [] });
      });

      it('creates a tenant with defaults and refuses the same slug with a clear error', async () => {
        const created = await runCli(['tenants', 'create', 'acme', '--json'], { env });
        expect(created.code).toBe(0);
        const tenant = JSON.parse(created.stdout) as Record<string, unknown>;
        expect(tenant).toMatchObject({ slug: 'acme', name: 'acme', timeZone: 'UTC' });
        expect(tenant['settings']).toMatchObject({
          invitePolicy: 'none',
          maxDeactivationRatio: 0.1,
        });

        const again = await runCli(['tenants', 'create', 'acme'], { env });
        expect(again.code).toBe(1);
        expect(again.stdout).toBe('');
        expect(again.stderr).toMatch(/already exists.*SLUG_TAKEN/);
      });

      it('creates a user in the only tenant without --tenant and prints a generated password once', async () => {
        const result = await runCli(
          ['users', 'create', '--email', 'Lead@Acme.test', '--role', 'admin', '--json'],
          { env },
        );
        expect(result.code).toBe(0);
        const user = JSON.parse(result.stdout) as Record<string, unknown>;
        expect(user).toMatchObject({ email: 'lead@acme.test', role: 'admin', tenant: 'acme' });
        expect(user['generatedPassword']).toEqual(expect.stringMatching(/^.{20,}$/));
        expect(user).not.toHaveProperty('passwordHash');
      });

      it('imports the example CSV and lists every learner as one JSON array', async () => {
        const imported = await runCli(['learners', 'import', EXAMPLE_CSV, '--json'], { env });
        expect(imported.code).toBe(0);
        expect(JSON.parse(imported.stdout)).toMatchObject({
          applied: true,
          created: 5,
          errorCount: 0,
        });

        const listed = await runCli(['learners', 'list', '--json'], { env });
        expect(listed.code).toBe(0);
        const learners = JSON.parse(listed.stdout) as Record<string, unknown>[];
        expect(learners).toHaveLength(5);
        expect(
          learners.find((l) => l['workEmail'] === 'ada.lovelace@demo.rollcall.test'),
        ).toMatchObject({
          firstName: 'Ada',
          department: 'Engineering',
          managerEmail: 'grace.hopper@demo.rollcall.test',
          status: 'active',
          platformAccess: true,
          source: 'csv',
          deactivationReason: null,
        });
      });

      it('rejects a bad CSV with line numbers, imports nothing, and exits non-zero', async () => {
        const file = path.join(tempDir('rollcall-csv-'), 'bad.csv');
        writeFileSync(
          file,
          'first_name,last_name,work_email\nAnn,Lee,ann@acme.test\nBob,,not-an-email\n',
        );
        const result = await runCli(['learners', 'import', file], { env });
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/line 3/);
        const listed = await runCli(['learners', 'list', '--json', '--search', 'ann@acme'], {
          env,
        });
        expect(JSON.parse(listed.stdout)).toEqual([]);
      });

      it('needs --tenant once several tenants exist', async () => {
        expect(
          (
            await runCli(
              ['tenants', 'create', 'globex', '--name', 'Globex', '--timezone', 'Europe/Berlin'],
              { env },
            )
          ).code,
        ).toBe(0);
        const ambiguous = await runCli(['learners', 'list'], { env });
        expect(ambiguous.code).toBe(2);
        expect(ambiguous.stderr).toMatch(/--tenant/);
        const chosen = await runCli(['learners', 'list', '--tenant', 'globex', '--json'], { env });
        expect(JSON.parse(chosen.stdout)).toEqual([]);
        const listed = await runCli(['tenants', 'list', '--json'], { env });
        expect((JSON.parse(listed.stdout) as { slug: string }[]).map((t) => t.slug)).toEqual([
          'acme',
          'globex',
        ]);
      });

      it('creates an API token shown once', async () => {
        const result = await runCli(
          ['tokens', 'create', '--name', 'ci', '--tenant', 'acme', '--json'],
          { env },
        );
        expect(result.code).toBe(0);
        const token = JSON.parse(result.stdout) as Record<string, unknown>;
        expect(token['token']).toEqual(expect.stringMatching(/^rc_/));
        const listed = await runCli(['tokens', 'list', '--tenant', 'acme', '--json'], { env });
        expect(listed.stdout).not.toContain(String(token['token']));
      });
    },
  );
}

describe('rollcall CLI usage', () => {
  // One CLI start per command: slow on a loaded 2-core machine, hence the long timeout.
  it('prints help for every command and exits 0', { timeout: 180_000 }, async () => {
    for (const args of [
      [],
      ['start'],
      ['migrate'],
      ['tenants', 'create'],
      ['users', 'create'],
      ['learners', 'list'],
      ['learners', 'import'],
      ['tokens', 'create'],
    ]) {
      const result = await runCli([...args, '--help'], {
        env: { ROLLCALL_DATA_DIR: tempDir('rollcall-help-') },
      });
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/Usage: rollcall/);
    }
  });

  it('lists every bad environment variable in one message and exits 2', async () => {
    const result = await runCli(['learners', 'list'], {
      env: {
        ROLLCALL_PORT: 'x',
        DATABASE_URL: 'mysql://nope',
        ROLLCALL_DATA_DIR: tempDir('rollcall-bad-'),
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ROLLCALL_PORT/);
    expect(result.stderr).toMatch(/DATABASE_URL/);
  });

  it('exits 2 on an unknown command', async () => {
    const result = await runCli(['frobnicate'], {
      env: { ROLLCALL_DATA_DIR: tempDir('rollcall-bad-') },
    });
    expect(result.code).toBe(2);
  });
});

describe('rollcall connectors (the data behind the verification screen)', () => {
  const env = {};

  it('lists every connector as JSON with its declaration', async () => {
    const listed = await runCli(['connectors', 'list', '--json'], { env });
    expect(listed.code, listed.stderr).toBe(0);
    const catalogue = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(catalogue.length).toBeGreaterThanOrEqual(12);
    for (const entry of catalogue) {
      expect(Object.keys(entry)).toEqual(
        expect.arrayContaining([
          'id',
          'name',
          'maturity',
          'requestedFields',
          'fieldSelection',
          'providedFields',
          'neverAccessed',
          'allowedHosts',
          'rateLimit',
          'docs',
          'configSchema',
        ]),
      );
    }
    const table = await runCli(['connectors', 'list'], { env });
    expect(table.stdout).toMatch(/^gusto +Gusto +beta +\d+ fields \(filtered on read\)/m);
  });

  it('shows one connector, and names the known ids for an unknown one', async () => {
    const shown = await runCli(['connectors', 'show', 'personio'], { env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Requests exactly these fields:\n  first_name\n');
    expect(shown.stdout).toMatch(/Never accessed:\n {2}compensation\n/);
    const unknown = await runCli(['connectors', 'show', 'nope'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown connector "nope"\. Known connectors: bamboohr, hibob/);
  });
});
