import { readJsonFixture } from '../shared/fixture.ts';

/** A shared sample file served verbatim (read in place, never copied into the repository). */
export type Fixture =
  | { kind: 'people-search'; path: string; body: Buffer }
  | { kind: 'named-lists'; path: string; body: Buffer; lists: ReadonlyMap<string, unknown> };

/** Reads a sample and recognises which endpoint it answers from its shape. */
export async function loadFixture(path: string): Promise<Fixture> {
  const { body, parsed } = await readJsonFixture(path);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const doc = parsed as Record<string, unknown>;
    if (Array.isArray(doc['employees'])) return { kind: 'people-search', path, body };
    const lists = namedLists(doc);
    if (lists !== null) return { kind: 'named-lists', path, body, lists };
  }
  throw new Error(
    `Fixture ${path} is neither a people-search answer ({employees:[…]}) nor named lists`,
  );
}

/** `{<name>: {name, items}}` (keys starting with `_` are notes); null for any other shape. */
function namedLists(doc: Record<string, unknown>): Map<string, unknown> | null {
  const entries = Object.entries(doc).filter(([key]) => !key.startsWith('_'));
  if (entries.length === 0) return null;
  const lists = new Map<string, unknown>();
  for (const [key, value] of entries) {
    const list = value as { name?: unknown; items?: unknown } | null;
    if (typeof list !== 'object' || list === null || !Array.isArray(list.items)) return null;
    lists.set(typeof list.name === 'string' ? list.name : key, value);
  }
  return lists;
}
