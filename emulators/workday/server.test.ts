import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../shared/server-testing.ts';
import { getWorkersRequest } from '../../src/connectors/workday/api.ts';
import { SENSITIVE_MARKER } from '../shared/company.ts';
import {
  startWorkdayEmulator,
  type WorkdayEmulator,
  type WorkdayEmulatorOptions,
} from './server.ts';

const startEmulator = closedAfterEach(startWorkdayEmulator);
let emu: WorkdayEmulator;

const start = async (extra: WorkdayEmulatorOptions = {}) => {
  emu = await startEmulator({ company: { size: 25, today: '2026-06-15' }, ...extra });
  return emu;
};

function soap(body: string, path = `/ccx/service/${emu.tenant}/Human_Resources/v44.0`) {
  return fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body,
  });
}

const request = (
  patch: { page?: number; count?: number; password?: string; username?: string } = {},
) =>
  getWorkersRequest({
    username: patch.username ?? `${emu.username}@${emu.tenant}`,
    password: patch.password ?? emu.password,
    version: 'v44.0',
    page: patch.page ?? 1,
    count: patch.count ?? 10,
    asOfEffectiveDate: '2026-06-15',
    asOfEntryDateTime: '2026-06-15T00:00:00Z',
  });

const report = (auth: string, query = '?format=json') =>
  fetch(
    `${emu.url}/ccx/service/customreport2/${emu.tenant}/${emu.reportOwner}/${emu.reportName}${query}`,
    {
      headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}` },
    },
  );

describe('Workday emulator: SOAP Get_Workers', () => {
  it('needs user@tenant and the password in the UsernameToken; faults are HTTP 500', async () => {
    await start();
    for (const body of [request({ password: 'wrong' }), request({ username: emu.username })]) {
      const res = await soap(body);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).toContain('<faultcode>SOAP-ENV:Client.authenticationError</faultcode>');
      expect(text).toContain('invalid username or password');
    }
    expect((await soap(request())).status).toBe(200);
  });

  it('pages with Response_Results and answers sensitive data as marked values', async () => {
    await start();
    const text = await (await soap(request({ page: 3, count: 10 }))).text();
    expect(text).toMatch(
      /<wd:Total_Results>2\d<\/wd:Total_Results><wd:Total_Pages>3<\/wd:Total_Pages>/,
    );
    expect(text).toContain('<wd:Page>3</wd:Page>');
    expect(text).toContain(`<wd:Birth_Date>${SENSITIVE_MARKER}Birth_Date-`);
    expect(text).not.toContain('Compensation_Data');
    const past = await (await soap(request({ page: 9 }))).text();
    expect(past).toContain('<wd:Page_Results>0</wd:Page_Results>');
  });

  it('leaves terminated workers out unless Exclude_Inactive_Workers is false', async () => {
    await start({ company: { size: 40, terminatedShare: 0.3, today: '2026-06-15' } });
    const all = await (await soap(request({ count: 100 }))).text();
    const active = await (
      await soap(request({ count: 100 }).replace('>false</wd:Exclude', '>true</wd:Exclude'))
    ).text();
    const count = (xml: string) => (xml.match(/<wd:Terminated>1</g) ?? []).length;
    expect(count(all)).toBeGreaterThan(0);
    expect(count(active)).toBe(0);
  });

  it('throttles with 429, Retry-After and a Server fault; refuses Count 1000', async () => {
    await start({ faults: { throttle: { burst: 1, retryAfterSeconds: 7 } } });
    const throttled = await soap(request());
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await throttled.text()).toContain('SOAP-ENV:Server');
    const invalid = await soap(request({ count: 1000 }));
    expect(invalid.status).toBe(500);
    expect(await invalid.text()).toContain('Client.validationError');
  });

  it('answers the not-authorized fault for a security group without access', async () => {
    await start({ faults: { authorized: false } });
    const text = await (await soap(request())).text();
    expect(text).toContain('The task submitted is not authorized.');
  });
});

describe('Workday emulator: RaaS report', () => {
  it('takes Basic with the ISU name, with or without @tenant', async () => {
    await start();
    expect((await report(`${emu.username}:${emu.password}`)).status).toBe(200);
    expect((await report(`${emu.username}@${emu.tenant}:${emu.password}`)).status).toBe(200);
    expect((await report(`${emu.username}:nope`)).status).toBe(401);
  });

  it('answers {Report_Entry} with sensitive columns, format=json only', async () => {
    await start();
    const body = (await (await report(`${emu.username}:${emu.password}`)).json()) as {
      Report_Entry: Record<string, unknown>[];
    };
    expect(body.Report_Entry).toHaveLength(25);
    expect(String(body.Report_Entry[0]?.['dateOfBirth'])).toContain(SENSITIVE_MARKER);
    expect((await report(`${emu.username}:${emu.password}`, '')).status).toBe(400);
  });
});
