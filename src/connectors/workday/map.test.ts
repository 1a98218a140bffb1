import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector.ts';
import {
  WORKDAY_DENIED_FIELDS,
  WORKDAY_REQUESTED_FIELDS,
  getWorkersRequest,
  type RawWorker,
} from './api.ts';
import { parseWorkdayDate, workdayEmploymentStatus } from './lifecycle.ts';
import { mapWorkdayWorker } from './map.ts';
import { READ_PATHS, readGetWorkers } from './xml-stream.ts';

const TODAY = '2026-06-15';
const stripConditions = (path: string) => path.replace(/\[[^\]]*\]/g, '').replace(/\/@\w+$/, '');

function raw(patch: Partial<RawWorker> = {}): RawWorker {
  return {
    wid: 'w1',
    employeeId: null,
    contingentWorkerId: null,
    workerId: null,
    legalFirstName: null,
    legalLastName: null,
    preferredFirstName: null,
    preferredLastName: null,
    workEmails: [],
    jobs: [],
    status: { active: null, terminated: null, hireDate: null, terminationDate: null },
    organizations: [],
    managementChains: [],
    ...patch,
  };
}

describe('the allowlist', () => {
  it('is exactly what the XML reader reads', () => {
    const requested = WORKDAY_REQUESTED_FIELDS.map(stripConditions);
    for (const path of requested) expect(READ_PATHS, path).toContain(path);
    // Everything else the reader touches groups or qualifies a requested element (its parent).
    const parents = requested
      .map((path) => path.slice(0, path.lastIndexOf('/')))
      .filter((parent) => parent.split('/').length >= 3);
    for (const path of READ_PATHS) {
      const covered =
        requested.some((r) => r === path || r.startsWith(`${path}/`)) ||
        parents.some((p) => path === p || path.startsWith(`${p}/`));
      expect(covered, path).toBe(true);
    }
  });

  it('never reads under a denied path', () => {
    for (const path of READ_PATHS) {
      // Conditional denials (HOME emails) are enforced by their condition, tested in the goldens.
      for (const denied of WORKDAY_DENIED_FIELDS.filter((d) => !d.includes('['))) {
        expect(`${path}/`.startsWith(`${denied}/`), `${path} under ${denied}`).toBe(false);
      }
    }
  });

  it('sends no forbidden flag and escapes credentials', () => {
    const body = getWorkersRequest({
      username: 'isu@acme',
      password: 'a<b&c"',
      version: 'v44.0',
      page: 2,
      count: 50,
      asOfEffectiveDate: TODAY,
      asOfEntryDateTime: '2026-06-15T00:00:00.000Z',
    });
    expect(body).toContain('a&lt;b&amp;c&quot;');
    expect(body).toContain('<wd:Exclude_Inactive_Workers>false</wd:Exclude_Inactive_Workers>');
    expect(body).not.toMatch(/Include_Compensation|Include_Photo|Show_All_Personal_Information/);
  });
});

describe('mapWorkdayWorker', () => {
  const map = (patch: Partial<RawWorker>) => mapWorkdayWorker(raw(patch), { today: TODAY });

  it('refuses a bad today (a bug, not data)', () => {
    expect(() => mapWorkdayWorker(raw(), { today: '15/06/2026' })).toThrow(/today/);
  });

  it('calls a non-worker invalid_record and a worker without WID missing_id', () => {
    expect(mapWorkdayWorker({ id: 1 }, { today: TODAY })).toMatchObject({
      ok: false,
      code: 'invalid_record',
    });
    expect(map({ wid: '  ' })).toMatchObject({ ok: false, code: 'missing_id', externalId: null });
  });

  it('takes the first supervisory chain and skips the worker themselves', () => {
    const result = map({
      managementChains: [
        [
          { wid: 'boss', name: 'Boss' },
          { wid: 'w1', name: 'Me' },
        ],
        [{ wid: 'other', name: 'Other' }],
      ],
    });
    expect(result).toMatchObject({
      employee: { managerExternalId: 'boss', managerName: 'Boss', managerEmail: null },
    });
  });

  it('prefers a public primary work email and ignores implausible ones', () => {
    const result = map({
      workEmails: [
        { address: 'x@other.example', primary: false, public: true },
        { address: 'nope', primary: true, public: true },
        { address: ' Me@Acme.Example ', primary: true, public: false },
      ],
    });
    expect(result).toMatchObject({ employee: { workEmail: 'me@acme.example' } });
  });
});

describe('Workday lifecycle', () => {
  const status = (facts: Partial<Parameters<typeof workdayEmploymentStatus>[0]>) =>
    workdayEmploymentStatus({
      active: null,
      terminated: null,
      startDate: '2020-01-01',
      terminationDate: null,
      today: TODAY,
      ...facts,
    });

  it('follows dates first, then the Terminated flag, never Active alone', () => {
    expect(status({ terminationDate: '2026-06-15' })).toBe('terminated');
    expect(status({ terminationDate: '2026-06-16', terminated: true })).toBe('active');
    expect(status({ terminated: true })).toBe('terminated');
    expect(status({ active: false })).toBe('active');
    expect(status({ active: false, startDate: '2026-06-16' })).toBe('pending');
    expect(status({ startDate: '2024-01-01', terminationDate: '2023-01-01' })).toBe('active');
  });

  it('reads Workday dates with offsets, times or nothing', () => {
    expect(parseWorkdayDate('2000-01-01-08:00')).toBe('2000-01-01');
    expect(parseWorkdayDate('2000-01-01+09:00')).toBe('2000-01-01');
    expect(parseWorkdayDate('2000-01-01Z')).toBe('2000-01-01');
    expect(parseWorkdayDate('2000-01-01T00:00:00.000-08:00')).toBe('2000-01-01');
    for (const bad of ['2000-02-30', '01/02/2000', '', null, '2000-01-01 junk']) {
      expect(parseWorkdayDate(bad)).toBeNull();
    }
  });
});

describe('readGetWorkers', () => {
  const read = async (chunks: string[]) => {
    const events = [];
    for await (const event of readGetWorkers(Readable.from(chunks.map((c) => Buffer.from(c))), {
      what: 'the answer',
      status: 200,
    })) {
      events.push(event);
    }
    return events;
  };

  it('reads a worker split across chunks, multi-byte characters included', async () => {
    const xml =
      '<e:Envelope xmlns:e="s" xmlns:wd="urn:com.workday/bsvc"><e:Body><wd:Get_Workers_Response>' +
      '<wd:Response_Data><wd:Worker><wd:Worker_Reference><wd:ID wd:type="WID">w9</wd:ID>' +
      '</wd:Worker_Reference><wd:Worker_Data><wd:Personal_Data><wd:Name_Data><wd:Legal_Name_Data>' +
      '<wd:Name_Detail_Data><wd:First_Name>Zoë</wd:First_Name></wd:Name_Detail_Data>' +
      '</wd:Legal_Name_Data></wd:Name_Data></wd:Personal_Data></wd:Worker_Data></wd:Worker>' +
      '</wd:Response_Data></wd:Get_Workers_Response></e:Body></e:Envelope>';
    const bytes = Buffer.from(xml);
    const cut = bytes.indexOf(Buffer.from('ë')) + 1;
    const chunks = [bytes.subarray(0, cut), bytes.subarray(cut)];
    const all = [];
    for await (const e of readGetWorkers(Readable.from(chunks), { what: 'x', status: 200 }))
      all.push(e);
    expect(all[0]).toMatchObject({ kind: 'worker', worker: { wid: 'w9', legalFirstName: 'Zoë' } });
    expect(all[1]).toEqual({ kind: 'end', getWorkersResponse: true });
  }, 5_000);

  it('calls a cut envelope truncated and garbage invalid_payload', async () => {
    await expect(read(['<Envelope><Body><Get_Workers_Response>'])).rejects.toMatchObject({
      code: 'truncated',
    });
    await expect(read(['{"not":"xml"}'])).rejects.toBeInstanceOf(ConnectorError);
    await expect(read(['{"not":"xml"}'])).rejects.toMatchObject({ code: 'invalid_payload' });
  });
});
