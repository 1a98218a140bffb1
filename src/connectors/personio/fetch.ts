import type { ConnectorContext, FetchItem } from '../connector.ts';
import { PERSONIO_PAGE_SIZE, employeesPagePath, employeesPageSchema } from './api.ts';
import type { PersonioEmployeesPage } from './api.ts';
import { isPageError } from '../errors.ts';
import { errorForStatus, readErrorReason } from './errors.ts';
import { mapPersonioEmployee } from './map.ts';
import { PersonioSession, type PersonioCredentials } from './session.ts';
import { recordErrorItem } from '../mapping.ts';

/** Reads of one page (the request again) when its body is cut off or not JSON. */
const PAGE_READ_ATTEMPTS = 2;
/** Body failures worth reading the page again. */

type PageRead = { ok: true; page: PersonioEmployeesPage } | { ok: false; message: string };

/**
 * The whole directory, terminated people included (v1 has no status filter, NOTES §6), through
 * offset/limit pages of at most 100 (NOTES §4) with only the allowlisted attributes requested.
 * A page that cannot be read is a `page_error` and paging goes on when the total is known; the
 * snapshot is then incomplete, so nobody is deactivated for being missing.
 */
export async function* fetchPersonio(
  ctx: ConnectorContext<PersonioCredentials>,
): AsyncGenerator<FetchItem> {
  const session = new PersonioSession(ctx);
  await session.authenticate();
  const seen = new Set<string>();
  let offset = 0;
  let total: number | null = null;
  let received = 0;
  let pages = 0;
  let pageErrors = 0;
  let recordErrors = 0;
  let statusHidden = 0;
  let changed = false;

  for (;;) {
    const read = await readPage(session, offset);
    pages++;
    if (!read.ok) {
      pageErrors++;
      yield {
        kind: 'page_error',
        page: `offset ${offset}`,
        code: 'page_unreadable',
        message: read.message,
      };
      // Without a total there is no telling whether more pages follow: stop, incomplete.
      if (total === null || offset + PERSONIO_PAGE_SIZE >= total) break;
      offset += PERSONIO_PAGE_SIZE;
      continue;
    }
    const { data, metadata } = read.page;
    const reported = metadata?.total_elements;
    // A hire or removal between two pages shifts the offsets, so someone may have been skipped.
    if (reported !== undefined && total !== null && reported !== total) changed = true;
    total = reported ?? total;
    let fresh = 0;
    for (const element of data) {
      const result = mapPersonioEmployee(element, { today: ctx.today });
      const id = result.ok ? result.employee.externalId : result.externalId;
      // After a shift, a person can come twice: never yield anyone twice.
      if (id !== null && seen.has(id)) continue;
      if (id !== null) seen.add(id);
      fresh++;
      received++;
      if (result.ok) {
        if (result.statusHidden) statusHidden++;
        yield { kind: 'employee', employee: result.employee };
      } else {
        recordErrors++;
        yield recordErrorItem(result);
      }
    }
    if (data.length < PERSONIO_PAGE_SIZE) break;
    if (fresh === 0) {
      pageErrors++;
      yield {
        kind: 'page_error',
        page: `offset ${offset}`,
        code: 'paging_stuck',
        message: 'Personio answered the same people again for the next page; paging stopped there.',
      };
      break;
    }
    offset += data.length;
  }

  if (pageErrors === 0 && (changed || (total !== null && received < total))) {
    yield {
      kind: 'page_error',
      page: `offset ${offset}`,
      code: 'incomplete',
      message: changed
        ? 'The Personio directory changed while Rollcall paged through it, so someone may have ' +
          'been skipped; nobody is treated as missing this time and the next sync reads it again.'
        : `Personio reported ${total ?? 0} employees but the pages held ${received}; the next ` +
          'sync reads them again.',
    };
  }
  if (statusHidden > 0) {
    ctx.log.warn(
      { connector: 'personio', statusHidden },
      'personio: employees without a status attribute; give the API credential read access to ' +
        '"status" and "termination_date", or leavers stay active',
    );
  }
  ctx.log.info(
    { connector: 'personio', pages, employees: seen.size, recordErrors, pageErrors, total },
    'personio employee list read',
  );
}

/** One page, read again once when its body is cut off or not JSON. Other failures are fatal. */
async function readPage(session: PersonioSession, offset: number): Promise<PageRead> {
  let message = '';
  for (let attempt = 1; attempt <= PAGE_READ_ATTEMPTS; attempt++) {
    const response = await session.get(employeesPagePath(offset), 'employees-page');
    if (response.status !== 200) {
      throw errorForStatus(response.status, await readErrorReason(response), 'employees');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (isPageError(error)) {
        message = `the page could not be read: ${error.message}`;
        continue;
      }
      throw error;
    } finally {
      await response.discard();
    }
    const parsed = employeesPageSchema.safeParse(body);
    if (parsed.success) return { ok: true, page: parsed.data };
    // Never quote the body: it may hold personal data.
    message = 'the page is not a v1 employee list ({success, metadata, data: [...]})';
  }
  return { ok: false, message: `${message} (after ${PAGE_READ_ATTEMPTS} attempts)` };
}
