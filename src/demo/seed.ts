import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { generatePassword } from '../core/secrets.ts';
import type { Store } from '../db/database.ts';
import { SYSTEM_ACTOR, recordAudit } from '../db/repositories/audit.ts';
import { createTenant, getTenantBySlug } from '../db/repositories/tenants.ts';
import { createUser, findUserByEmail, setPassword } from '../db/repositories/users.ts';
import { createClass } from '../platform/classes.ts';
import { createProgram } from '../platform/programs.ts';

export const DEMO_TENANT_SLUG = 'demo';
export const DEMO_ADMIN_EMAIL = 'admin@demo.rollcall.test';
const CREDENTIALS_FILE = 'demo-admin.json';

const credentialsSchema = z.object({ email: z.string(), password: z.string() });

export interface DemoCredentials {
  email: string;
  password: string;
  /** True when this call created the demo tenant (false on every later start). */
  created: boolean;
}

const PROGRAMS = [
  {
    name: 'Leadership Foundations',
    description: 'Six live sessions for first-time managers.',
    classes: ['Leading yourself', 'Giving feedback', 'Running one-on-ones'],
  },
  {
    name: 'Inclusive Hiring',
    description: 'Structured interviews and fair decisions.',
    classes: ['Structured interviews', 'Debriefs without bias'],
  },
  {
    name: 'Communication Essentials',
    description: 'Writing and speaking with clarity.',
    classes: ['Clear writing', 'Difficult conversations'],
  },
] as const;

/**
 * Seeds the demo tenant with an admin and a few programs with past and upcoming classes, once:
 * a second start finds the tenant and only reads the stored demo credentials. The generated
 * password is kept in the data directory (mode 0600) so every start can print it.
 */
export async function seedDemo(store: Store, dataDir: string, now: Date): Promise<DemoCredentials> {
  const credentialsPath = path.join(dataDir, CREDENTIALS_FILE);
  const existing = await getTenantBySlug(store.db, DEMO_TENANT_SLUG);
  if (existing) {
    const stored = readCredentials(credentialsPath);
    if (stored) return { ...stored, created: false };
    // The file is gone (another machine, or deleted): issue a fresh demo password.
    const password = generatePassword();
    const admin = await findUserByEmail(store.db, DEMO_ADMIN_EMAIL);
    if (admin) await setPassword(store.db, admin.id, password, now.toISOString());
    else
      await createUser(
        store.db,
        {
          tenantId: existing.id,
          email: DEMO_ADMIN_EMAIL,
          name: 'Demo Admin',
          role: 'admin',
          password,
        },
        now.toISOString(),
      );
    writeCredentials(credentialsPath, { email: DEMO_ADMIN_EMAIL, password });
    return { email: DEMO_ADMIN_EMAIL, password, created: false };
  }

  const password = generatePassword();
  const iso = now.toISOString();
  await store.db.transaction().execute(async (trx) => {
    const tenant = await createTenant(
      trx,
      { slug: DEMO_TENANT_SLUG, name: 'Demo Company', timeZone: 'UTC' },
      iso,
    );
    await createUser(
      trx,
      { tenantId: tenant.id, email: DEMO_ADMIN_EMAIL, name: 'Demo Admin', role: 'admin', password },
      iso,
    );
    for (const [p, spec] of PROGRAMS.entries()) {
      const program = await createProgram(
        trx,
        { tenantId: tenant.id, name: spec.name, description: spec.description },
        iso,
      );
      for (const [c, title] of spec.classes.entries()) {
        // Spread classes from two weeks ago to a few weeks ahead, so reports and "future" both show.
        const startsAt = new Date(now.getTime() + ((c - 1) * 14 + p * 3) * DAY);
        startsAt.setUTCHours(15, 0, 0, 0);
        const endsAt = new Date(startsAt.getTime() + 90 * 60 * 1000);
        await createClass(
          trx,
          {
            tenantId: tenant.id,
            programId: program.id,
            title,
            startsAt: startsAt.toISOString(),
            endsAt: endsAt.toISOString(),
          },
          iso,
        );
      }
    }
    await recordAudit(trx, { tenantId: tenant.id, actor: SYSTEM_ACTOR, action: 'demo.seed' }, iso);
  });
  writeCredentials(credentialsPath, { email: DEMO_ADMIN_EMAIL, password });
  return { email: DEMO_ADMIN_EMAIL, password, created: true };
}

const DAY = 24 * 60 * 60 * 1000;

function readCredentials(file: string): { email: string; password: string } | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = credentialsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

function writeCredentials(file: string, value: { email: string; password: string }): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
