import { readJsonFixture } from '../shared/fixture.ts';

/** A shared sample file served verbatim (read in place, never copied into the repository). */
export interface Fixture {
  kind: 'custom-report' | 'dataset' | 'directory' | 'meta-lists';
  path: string;
  body: Buffer;
}

/** Reads a sample and recognises which endpoint it answers from its shape. */
export async function loadFixture(path: string): Promise<Fixture> {
  const { body, parsed } = await readJsonFixture(path);
  const kind = fixtureKind(parsed);
  if (!kind) {
    throw new Error(
      `Fixture ${path} is not a custom report, dataset v2 page, employee directory or meta/lists body`,
    );
  }
  return { kind, path, body };
}

function fixtureKind(value: unknown): Fixture['kind'] | null {
  if (Array.isArray(value)) {
    return value.every((v) => typeof v === 'object' && v !== null && 'alias' in v && 'options' in v)
      ? 'meta-lists'
      : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if ('data' in value && 'meta' in value) return 'dataset';
  if ('employees' in value && 'fields' in value)
    return 'title' in value ? 'custom-report' : 'directory';
  return null;
}
