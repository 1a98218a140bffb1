import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonFixture } from './fixture.ts';

describe('readJsonFixture', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rollcall-fixture-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps the bytes verbatim beside their JSON', async () => {
    const path = join(dir, 'ok.json');
    await writeFile(path, '{ "data": [1] }\n');
    const fixture = await readJsonFixture(path);
    expect(fixture.body.toString('utf8')).toBe('{ "data": [1] }\n');
    expect(fixture.parsed).toEqual({ data: [1] });
  });

  it('names the file that is not JSON', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '<html>');
    await expect(readJsonFixture(path)).rejects.toThrow(`Fixture ${path} is not JSON`);
  });
});
