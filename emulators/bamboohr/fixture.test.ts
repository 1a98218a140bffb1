import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixture.ts';
import { startBambooHrEmulator } from './server.ts';
import { getJson, postCustomReport, postDataset } from './test-helpers.ts';

/** Shared samples sit beside the repository (`../shared`), read in place, never copied. */
const SAMPLES = join(import.meta.dirname, '../../../shared/providers/bamboohr');
const present = existsSync(SAMPLES);
if (!present) {
  process.stderr.write(`\n  SKIP: BambooHR fixture tests (no shared samples at ${SAMPLES})\n\n`);
}

describe.skipIf(!present)('fixture mode (shared samples, served verbatim)', () => {
  it('serves custom-report.employees.json byte for byte, still enforcing the API rules', async () => {
    const path = join(SAMPLES, 'custom-report.employees.json');
    const emu = await startBambooHrEmulator({ fixture: path });
    try {
      const res = await postCustomReport(emu, ['firstName']);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(path))).toBe(true);
      const charset = await postCustomReport(emu, ['firstName'], {
        headers: { 'content-type': 'application/json; charset=UTF-8' },
      });
      expect(charset.status).toBe(400);
      expect((await fetch(`${emu.gatewayUrl}/v1/reports/custom?format=JSON`)).status).toBe(401);
      expect(emu.stats.lastRequestBodies).toEqual([{ title: 'Rollcall', fields: ['firstName'] }]);
      // Other endpoints still answer from the generated company.
      expect((await getJson(emu, '/v1/employees/directory')).status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it('serves the dataset page, the directory and meta/lists samples for their endpoints', async () => {
    const cases = [
      [
        'datasets-v2.employee.page1.json',
        (e: Awaited<ReturnType<typeof startBambooHrEmulator>>) =>
          postDataset(e, { fields: ['firstName'], page: 1, pageSize: 1000 }),
      ],
      [
        'employees-directory.json',
        (e: Awaited<ReturnType<typeof startBambooHrEmulator>>) =>
          getJson(e, '/v1/employees/directory'),
      ],
      [
        'meta-lists.json',
        (e: Awaited<ReturnType<typeof startBambooHrEmulator>>) => getJson(e, '/v1/meta/lists'),
      ],
    ] as const;
    for (const [file, call] of cases) {
      const path = join(SAMPLES, file);
      const emu = await startBambooHrEmulator({ fixture: path });
      try {
        const res = await call(emu);
        expect(res.status, file).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(path)), file).toBe(true);
      } finally {
        await emu.close();
      }
    }
  });
});

describe('loadFixture', () => {
  it('rejects files that answer no emulated endpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollcall-bamboohr-'));
    try {
      const odd = join(dir, 'odd.json');
      await writeFile(odd, '{"hello":"world"}');
      await expect(loadFixture(odd)).rejects.toThrow(/not a custom report/);
      const broken = join(dir, 'broken.json');
      await writeFile(broken, '{');
      await expect(loadFixture(broken)).rejects.toThrow(/not JSON/);
      await expect(startBambooHrEmulator({ fixture: join(dir, 'missing.json') })).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
