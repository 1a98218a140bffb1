import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing.ts';
import { CLI_ACTOR, listAudit, recordAudit } from './audit.ts';
import { createTenant } from './tenants.ts';

describeEachDialect('audit log', (fx) => {
  it('pages newest first without skipping entries that share a timestamp', async () => {
    const tenant = await createTenant(fx.store.db, { slug: 'audited' }, '2026-11-22T10:00:00.000Z');
    const at = '2026-11-22T10:00:00.000Z';
    for (let i = 0; i < 5; i++) {
      await recordAudit(
        fx.store.db,
        { tenantId: tenant.id, actor: CLI_ACTOR, action: `act.${i}` },
        at,
      );
    }
    await recordAudit(
      fx.store.db,
      { tenantId: tenant.id, actor: CLI_ACTOR, action: 'act.later' },
      '2026-11-22T11:00:00.000Z',
    );
    const seen: string[] = [];
    let before: { at: string; id: string } | undefined;
    for (;;) {
      const page = await listAudit(fx.store.db, tenant.id, { limit: 2, before });
      seen.push(...page.map((e) => e.action));
      const last = page.at(-1);
      if (page.length < 2 || !last) break;
      before = { at: last.at, id: last.id };
    }
    expect(seen[0]).toBe('act.later');
    expect(seen.slice(1).sort()).toEqual(['act.0', 'act.1', 'act.2', 'act.3', 'act.4']);
  });
});
