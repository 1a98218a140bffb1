import { ConnectorError } from '../connector.ts';
import { BROKEN_BODY_CODES, isPageError, pageErrorItem } from '../errors.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import { DEFAULT_RETRY_STATUSES } from '../http/retry-policy.ts';
import {
  WORKDAY_DEFAULT_API_VERSION,
  WORKDAY_DEFAULT_PAGE_SIZE,
  WORKDAY_MAX_PAGES,
  getWorkersPath,
  getWorkersRequest,
  soapUsername,
} from './api.ts';
import { errorForFault, errorForStatus, readFault } from './errors.ts';
import type { WorkdayConfig } from './index.ts';
import { mapWorkdayWorker } from './map.ts';
import { readGetWorkers } from './xml-stream.ts';
import { recordErrorItem } from '../mapping.ts';

/** Report generation can take a while before the first byte of a large page. */
const PAGE_TIMEOUT_MS = 120_000;

/**
 * Workday answers every SOAP fault with HTTP 500, a wrong password included: retrying 500 would
 * send bad credentials again and again and can lock the integration system user. So 500 is never
 * retried here; the fault decides (`errorForFault`: authentication → auth_failed, `Server` →
 * unavailable, which the schedule retries with the next run). 429/503 keep their Retry-After.
 */
export const WORKDAY_RETRY_STATUSES: readonly number[] = DEFAULT_RETRY_STATUSES.filter(
  (status) => status !== 500,
);

/**
 * Pages through Get_Workers from 1 to `Total_Pages` (NOTES §4), with the effective and entry
 * moments pinned so every page reads the same snapshot. A page that arrives broken after page 1
 * is a `page_error` (the snapshot is then incomplete and nobody goes missing); page 1 must arrive
 * whole, since it says how many pages there are.
 */
export async function* fetchWorkers(
  ctx: ConnectorContext<WorkdayConfig>,
): AsyncGenerator<FetchItem> {
  const { tenant, password } = ctx.config;
  const version = ctx.config.apiVersion ?? WORKDAY_DEFAULT_API_VERSION;
  const count = ctx.config.pageSize ?? WORKDAY_DEFAULT_PAGE_SIZE;
  const username = soapUsername(ctx.config.username, tenant);
  const path = getWorkersPath(tenant, version);
  // A request parameter, not mapped data: it pins the snapshot Workday pages through.
  const asOfEntryDateTime = new Date().toISOString();
  let totalPages = 1;
  let employees = 0;
  let recordErrors = 0;
  let pageErrors = 0;
  for (let page = 1; page <= totalPages; page += 1) {
    const response = await ctx.http.request({
      method: 'POST',
      path,
      headers: { 'content-type': 'text/xml; charset=utf-8', accept: 'text/xml' },
      body: getWorkersRequest({
        username,
        password,
        version,
        page,
        count,
        asOfEffectiveDate: ctx.today,
        asOfEntryDateTime,
      }),
      operation: 'get-workers',
      timeoutMs: PAGE_TIMEOUT_MS,
      retryStatuses: WORKDAY_RETRY_STATUSES,
    });
    if (response.status !== 200) {
      const fault = await readFault(response);
      // A throttle that outlasted the retries is rate_limited, whatever fault body came with it.
      throw fault === null || response.status === 429
        ? errorForStatus(response.status, 'Human_Resources web service')
        : errorForFault(fault, response.status, [password]);
    }
    const what = `the Workday Get_Workers answer (page ${page})`;
    try {
      for await (const event of readGetWorkers(response.body, {
        what,
        status: response.status,
        signal: ctx.signal,
      })) {
        if (event.kind === 'results') {
          if (page === 1 && event.totalPages !== null) {
            totalPages = Math.min(Math.max(1, event.totalPages), WORKDAY_MAX_PAGES);
          }
        } else if (event.kind === 'worker') {
          const result = mapWorkdayWorker(event.worker, { today: ctx.today });
          if (result.ok) {
            employees += 1;
            yield { kind: 'employee', employee: result.employee };
          } else {
            recordErrors += 1;
            yield recordErrorItem(result);
          }
        } else if (event.kind === 'fault') {
          throw errorForFault(event.fault, response.status, [password]);
        } else if (!event.getWorkersResponse) {
          throw new ConnectorError('invalid_payload', `${what} has no Get_Workers_Response`, false);
        }
      }
    } catch (error) {
      if (page === 1 || !isPageError(error, BROKEN_BODY_CODES)) throw error;
      pageErrors += 1;
      yield pageErrorItem(String(page), error);
    } finally {
      await response.discard();
    }
  }
  ctx.log.info(
    { connector: 'workday', pages: totalPages, employees, recordErrors, pageErrors },
    'workday Get_Workers read',
  );
}
