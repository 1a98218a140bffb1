import { sendJson } from '../shared/http.ts';
import {
  ARCHIVED_OPTIONS,
  CEO_TITLE,
  DEPARTMENTS,
  EMPLOYMENT_TYPES,
  LOCATIONS,
  TERMINATED,
} from './catalog.ts';
import { acceptsJson, type Exchange } from './context.ts';
import { legacyError } from './errors.ts';

interface ListOption {
  id: number;
  archived: 'yes' | 'no';
  manageable: 'yes' | 'no';
  createdDate: string;
  archivedDate: string | null;
  name: string;
}

interface ListField {
  id: number;
  fieldId: number;
  manageable: 'yes' | 'no';
  multiple: 'no';
  name: string;
  alias: string;
  options: ListOption[];
}

const CREATED = '2025-12-18T19:22:20+00:00';
const ARCHIVED = '2026-02-03T17:40:27+00:00';

/** The five list fields of meta-lists.json, with the generated company's options. */
function buildLists(): ListField[] {
  let optionId = 18150;
  const list = (id: number, fieldId: number, name: string, alias: string, names: string[]) => {
    const options: ListOption[] = [...new Set(names)].sort().map((option) => ({
      id: optionId++,
      archived: 'no',
      manageable: option === TERMINATED ? 'no' : 'yes',
      createdDate: CREATED,
      archivedDate: null,
      name: option,
    }));
    for (const option of ARCHIVED_OPTIONS[alias] ?? []) {
      options.push({
        id: optionId++,
        archived: 'yes',
        manageable: 'yes',
        createdDate: CREATED,
        archivedDate: ARCHIVED,
        name: option,
      });
    }
    return { id, fieldId, manageable: 'yes', multiple: 'no', name, alias, options } as ListField;
  };
  const titles = DEPARTMENTS.flatMap((d) => [d.headTitle, d.managerTitle, ...d.titles]);
  return [
    list(3440, 16, 'Employment Status', 'employmentHistoryStatus', [
      ...EMPLOYMENT_TYPES.map(([t]) => t),
      TERMINATED,
    ]),
    list(3441, 17, 'Job Title', 'jobTitle', [CEO_TITLE, ...titles]),
    list(
      3442,
      18,
      'Location',
      'location',
      LOCATIONS.map((l) => l.name),
    ),
    list(
      3443,
      4,
      'Department',
      'department',
      DEPARTMENTS.map((d) => d.name),
    ),
    list(
      3452,
      1355,
      'Division',
      'division',
      LOCATIONS.map((l) => l.division),
    ),
  ];
}

const LISTS = buildLists();

/** `GET /v1/meta/lists`: list fields and their options (employees reference them by name). */
export function handleMetaLists(ex: Exchange): void {
  if (!acceptsJson(ex.req)) {
    legacyError(ex.res, 406, 'The emulator serves JSON only: send Accept: application/json');
    return;
  }
  const fixture = ex.state.fixture;
  if (fixture?.kind === 'meta-lists') {
    ex.res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    ex.res.end(fixture.body);
    return;
  }
  sendJson(ex.res, 200, LISTS, 'application/json; charset=utf-8');
}
