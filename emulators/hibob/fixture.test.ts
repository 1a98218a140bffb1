import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixture.ts';
import { startHiBobEmulator } from './server.ts';
import { getJson, postSearch } from './test-helpers.ts';

/** Shared samples sit beside the repository (`../shared`), read in place, never copied. */
const SAMPLES = join(import.meta.dirname, '../../../shared/providers/hibob');
const present = existsSync(SAMPLES);
if (!present) {
  process.stderr.write(`\n  SKIP: HiBob fixture tests (no shared samples at ${SAMPLES})\n\n`);
}

describe.skipIf(!present)('fixture mode (shared samples, served verbatim)', () => {
  it.each(['people-search.response.json', 'people-search.terminated.SYNTHETIC.json'])(
    'serves %s byte for byte, still enforcing auth and validation',
    async (file) => {
      const path = join(SAMPLES, file);
      const emu = await startHiBobEmulator({ fixture: path });
      try {
        const res = await postSearch(emu, { fields: ['root.id'], showInactive: true });
        expect(res.status).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(path))).toBe(true);
        const bad = await postSearch(emu, { filters: [{ fieldPath: 'work.site' }] });
        expect(bad.status).toBe(400);
        const anonymous = await fetch(`${emu.url}/v1/people/search`, { method: 'POST' });
        expect(anonymous.status).toBe(401);
        expect(emu.stats.lastRequestBodies).toHaveLength(2);
      } finally {
        await emu.close();
      }
    },
  );

  it('serves named-lists.json for both named-list endpoints', async () => {
    const path = join(SAMPLES, 'named-lists.json');
    const emu = await startHiBobEmulator({ fixture: path });
    try {
      const all = await getJson(emu, '/v1/company/named-lists');
      expect(Buffer.from(await all.arrayBuffer()).equals(await readFile(path))).toBe(true);
      const site = await getJson(emu, '/v1/company/named-lists/site');
      expect(await site.json()).toMatchObject({ name: 'site', items: [{ id: 708868 }, {}] });
      expect((await getJson(emu, '/v1/company/named-lists/title')).status).toBe(404);
      // The people search still answers from the generated company.
      expect((await postSearch(emu, { fields: ['root.id'] })).status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it('refuses the request and error samples (they answer no endpoint)', async () => {
    await expect(loadFixture(join(SAMPLES, 'people-search.request.json'))).rejects.toThrow(
      /neither/,
    );
    await expect(loadFixture(join(SAMPLES, 'errors.json'))).rejects.toThrow(/neither/);
  });
});

describe('loadFixture', () => {
  it('rejects files that answer no emulated endpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollcall-hibob-'));
    try {
      const odd = join(dir, 'odd.json');
      await writeFile(odd, '{"hello":"world"}');
      await expect(loadFixture(odd)).rejects.toThrow(/neither/);
      const broken = join(dir, 'broken.json');
      await writeFile(broken, '{');
      await expect(loadFixture(broken)).rejects.toThrow(/not JSON/);
      await expect(startHiBobEmulator({ fixture: join(dir, 'missing.json') })).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
