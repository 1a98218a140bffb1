import { SaxesParser } from 'saxes';

/** A Get_Workers request as the emulator reads it (NOTES §3, `get-workers.request.xml`). */
export interface GetWorkersCall {
  username: string | null;
  password: string | null;
  /** `wd:version` of Get_Workers_Request, e.g. `v44.0`. */
  version: string | null;
  /** Null when the element is absent. */
  excludeInactiveWorkers: boolean | null;
  page: string | null;
  count: string | null;
  asOfEffectiveDate: string | null;
  asOfEntryDateTime: string | null;
  /** Response_Group flags as sent (`Include_Personal_Information` → true). */
  responseGroup: Record<string, boolean>;
}

export type ParsedCall =
  | { ok: true; operation: 'Get_Workers'; call: GetWorkersCall }
  | { ok: true; operation: string; call: null }
  | { ok: false; reason: string };

const TEXT_PATHS: Readonly<Record<string, keyof GetWorkersCall>> = {
  'Envelope/Header/Security/UsernameToken/Username': 'username',
  'Envelope/Header/Security/UsernameToken/Password': 'password',
  'Envelope/Body/Get_Workers_Request/Request_Criteria/Exclude_Inactive_Workers':
    'excludeInactiveWorkers',
  'Envelope/Body/Get_Workers_Request/Response_Filter/Page': 'page',
  'Envelope/Body/Get_Workers_Request/Response_Filter/Count': 'count',
  'Envelope/Body/Get_Workers_Request/Response_Filter/As_Of_Effective_Date': 'asOfEffectiveDate',
  'Envelope/Body/Get_Workers_Request/Response_Filter/As_Of_Entry_DateTime': 'asOfEntryDateTime',
};
const GROUP = 'Envelope/Body/Get_Workers_Request/Response_Group/';

export const xmlBoolean = (text: string | null): boolean | null =>
  text === null
    ? null
    : text === '1' || text === 'true'
      ? true
      : text === '0' || text === 'false'
        ? false
        : null;

/** Parses a SOAP request body; anything that is not a SOAP envelope is `{ok: false}`. */
export function parseSoapCall(body: string): ParsedCall {
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  const texts: Record<string, string> = {};
  const found: { operation: string | null; version: string | null } = {
    operation: null,
    version: null,
  };
  let current = '';
  parser.on('opentag', (tag) => {
    path.push(tag.local);
    current = '';
    if (path.length === 3 && path[0] === 'Envelope' && path[1] === 'Body') {
      found.operation = tag.local.replace(/_Request$/, '');
      for (const attribute of Object.values(tag.attributes)) {
        if (attribute.local === 'version') found.version = attribute.value;
      }
    }
  });
  parser.on('text', (text) => {
    current += text;
  });
  parser.on('closetag', () => {
    texts[path.join('/')] = current.trim();
    current = '';
    path.pop();
  });
  try {
    parser.write(body).close();
  } catch {
    return { ok: false, reason: 'The request is not well-formed XML' };
  }
  const { operation, version } = found;
  if (operation === null) return { ok: false, reason: 'No SOAP Body operation found' };
  if (operation !== 'Get_Workers') return { ok: true, operation, call: null };
  const call: GetWorkersCall = {
    username: null,
    password: null,
    version,
    excludeInactiveWorkers: null,
    page: null,
    count: null,
    asOfEffectiveDate: null,
    asOfEntryDateTime: null,
    responseGroup: {},
  };
  for (const [key, text] of Object.entries(texts)) {
    const field = TEXT_PATHS[key];
    if (field === 'excludeInactiveWorkers') call.excludeInactiveWorkers = xmlBoolean(text);
    else if (field !== undefined && field !== 'responseGroup') call[field] = text;
    else if (key.startsWith(GROUP) && !key.slice(GROUP.length).includes('/')) {
      call.responseGroup[key.slice(GROUP.length)] = xmlBoolean(text) === true;
    }
  }
  return { ok: true, operation, call };
}
