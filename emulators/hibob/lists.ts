import { sendJson } from '../shared/http.ts';
import { NAMED_LISTS, type ListItem } from './catalog.ts';
import type { Exchange } from './context.ts';
import { hiBobError } from './errors.ts';
import { catalogueFields } from './fields.ts';

interface NamedList {
  name: string;
  items: (ListItem & { children: [] })[];
}

function namedList(name: string, items: readonly ListItem[]): NamedList {
  return { name, items: items.map((item) => ({ ...item, children: [] })) };
}

/**
 * `GET /v1/company/named-lists` (every list, keyed by name, as in `named-lists.json`) and
 * `GET /v1/company/named-lists/{listName}` (`{name, items:[{id, name, archived, children}]}`).
 * A fixture of that shape answers both, verbatim for the first.
 */
export function handleNamedLists(ex: Exchange, listName: string | null): void {
  const { res, state } = ex;
  const fixture = state.fixture?.kind === 'named-lists' ? state.fixture : null;
  if (listName === null) {
    if (fixture !== null) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(fixture.body);
      return;
    }
    const all = Object.fromEntries(
      Object.entries(NAMED_LISTS).map(([name, items]) => [name, namedList(name, items)]),
    );
    return sendJson(res, 200, all);
  }
  const fromFixture = fixture?.lists.get(listName);
  if (fromFixture !== undefined) return sendJson(res, 200, fromFixture);
  const items = NAMED_LISTS[listName];
  if (items === undefined || fixture !== null) {
    return hiBobError(res, 404, 'list.not.found', `No named list "${listName}"`);
  }
  sendJson(res, 200, namedList(listName, items));
}

/** `GET /v1/company/people/fields`: the field catalogue (SPEC `Field`). */
export function handlePeopleFields(ex: Exchange): void {
  const body = catalogueFields().map((f) => ({
    id: f.id,
    category: f.category,
    name: f.name,
    description: '',
    jsonPath: `$.${f.path.join('.')}`,
    type: f.type,
    ...(f.listName === null ? {} : { typeData: { listId: f.listName } }),
    historical: false,
  }));
  sendJson(ex.res, 200, body);
}
