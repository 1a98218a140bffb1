import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ConnectorError } from '../connector.ts';
import type { RawWorker } from './api.ts';

/**
 * A streaming reader of one Get_Workers answer (or a SOAP fault), built on saxes: workers are
 * yielded one by one while the body streams in, so a large page never sits in memory as a DOM.
 *
 * It keeps only the allowlisted element paths (`WORKDAY_REQUESTED_FIELDS` in api.ts): text is
 * collected only for elements in `TEXT`, so a birth date, national id or home address in the
 * answer is skipped unread. The one exception is an email address, whose usage (WORK or HOME)
 * follows it: it is held until its `Email_Address_Data` closes and kept only when WORK.
 */

export type SoapEvent =
  | { kind: 'results'; totalPages: number | null; totalResults: number | null; page: number | null }
  | { kind: 'worker'; worker: RawWorker }
  | { kind: 'fault'; fault: SoapFault }
  | { kind: 'end'; getWorkersResponse: boolean };

/** A SOAP fault (NOTES §8): `faultcode`, `faultstring`, and the first validation message. */
export interface SoapFault {
  code: string | null;
  message: string | null;
  detail: string | null;
}

type Attrs = Readonly<Record<string, string>>;

interface PendingEmail {
  address: string | null;
  usage: string | null;
  primary: boolean;
  public: boolean;
}

interface WorkerState {
  worker: RawWorker;
  email: PendingEmail | null;
  /** Manager_Reference elements seen in the current chain link (co-managers: the first wins). */
  managerRefs: number;
}

const PERSONAL = 'Worker_Data/Personal_Data';
const EMAIL = `${PERSONAL}/Contact_Data/Email_Address_Data`;
const JOB = 'Worker_Data/Employment_Data/Worker_Job_Data';
const POSITION = `${JOB}/Position_Data`;
const SITE = `${POSITION}/Business_Site_Summary_Data`;
const STATUS = 'Worker_Data/Employment_Data/Worker_Status_Data';
const ORG = 'Worker_Data/Organization_Data/Worker_Organization_Data';
const CHAIN = 'Worker_Data/Management_Chain_Data/Worker_Supervisory_Management_Chain_Data';
const LINK = `${CHAIN}/Management_Chain_Data`;

const RESPONSE = 'Envelope/Body/Get_Workers_Response';
const RESULTS = `${RESPONSE}/Response_Results`;
const WORKERS = `${RESPONSE}/Response_Data`;
const FAULT = 'Envelope/Body/Fault';

const bool = (value: string | undefined): boolean => value === '1' || value === 'true';
const last = <T>(list: T[]): T | undefined => list[list.length - 1];

/** Elements whose opening carries what we keep (attributes) or starts a repeated group. */
const OPEN: Readonly<Record<string, (s: WorkerState, attrs: Attrs) => void>> = {
  [EMAIL]: (s) => {
    s.email = { address: null, usage: null, primary: false, public: false };
  },
  [`${EMAIL}/Usage_Data`]: (s, a) => {
    if (s.email) s.email.public = bool(a['Public']);
  },
  [`${EMAIL}/Usage_Data/Type_Data`]: (s, a) => {
    if (s.email) s.email.primary = bool(a['Primary']);
  },
  [JOB]: (s, a) => {
    s.worker.jobs.push({
      primary: bool(a['Primary_Job']),
      businessTitle: null,
      positionTitle: null,
      jobProfileName: null,
      workerType: null,
      locationId: null,
      locationName: null,
      countryCode: null,
    });
  },
  [`${POSITION}/Worker_Type_Reference`]: (s, a) => {
    const job = last(s.worker.jobs);
    if (job) job.workerType = a['Descriptor'] ?? null;
  },
  [ORG]: (s) => {
    s.worker.organizations.push({ referenceId: null, name: null, type: null });
  },
  [CHAIN]: (s) => {
    s.worker.managementChains.push([]);
  },
  [LINK]: (s) => {
    last(s.worker.managementChains)?.push({ wid: null, name: null });
    s.managerRefs = 0;
  },
  [`${LINK}/Manager_Reference`]: (s, a) => {
    s.managerRefs += 1;
    const link = last(last(s.worker.managementChains) ?? []);
    if (link && s.managerRefs === 1) link.name = a['Descriptor'] ?? null;
  },
};

type TextHandler = (s: WorkerState, value: string, attrs: Attrs) => void;

/** The allowlisted leaf elements: the only text the reader ever collects inside a worker. */
const TEXT: Readonly<Record<string, TextHandler>> = {
  'Worker_Reference/ID': (s, v, a) => {
    const type = a['type'];
    if (type === 'WID') s.worker.wid = v;
    else if (type === 'Employee_ID') s.worker.employeeId = v;
    else if (type === 'Contingent_Worker_ID') s.worker.contingentWorkerId = v;
  },
  'Worker_Data/Worker_ID': (s, v) => {
    s.worker.workerId = v;
  },
  [`${PERSONAL}/Name_Data/Legal_Name_Data/Name_Detail_Data/First_Name`]: (s, v) => {
    s.worker.legalFirstName = v;
  },
  [`${PERSONAL}/Name_Data/Legal_Name_Data/Name_Detail_Data/Last_Name`]: (s, v) => {
    s.worker.legalLastName = v;
  },
  [`${PERSONAL}/Name_Data/Preferred_Name_Data/Name_Detail_Data/First_Name`]: (s, v) => {
    s.worker.preferredFirstName = v;
  },
  [`${PERSONAL}/Name_Data/Preferred_Name_Data/Name_Detail_Data/Last_Name`]: (s, v) => {
    s.worker.preferredLastName = v;
  },
  [`${EMAIL}/Email_Address`]: (s, v) => {
    if (s.email) s.email.address = v;
  },
  [`${EMAIL}/Usage_Data/Type_Data/Type_Reference/ID`]: (s, v, a) => {
    if (s.email && a['type'] === 'Communication_Usage_Type_ID') s.email.usage = v;
  },
  [`${POSITION}/Business_Title`]: job((j, v) => (j.businessTitle = v)),
  [`${POSITION}/Position_Title`]: job((j, v) => (j.positionTitle = v)),
  [`${POSITION}/Job_Profile_Summary_Data/Job_Profile_Name`]: job((j, v) => (j.jobProfileName = v)),
  [`${SITE}/Location_Reference/ID`]: job((j, v, a) => {
    if (a['type'] === 'Location_ID') j.locationId = v;
  }),
  [`${SITE}/Name`]: job((j, v) => (j.locationName = v)),
  [`${SITE}/Address_Data/Country_Reference/ID`]: job((j, v, a) => {
    if (a['type'] === 'ISO_3166-1_Alpha-2_Code') j.countryCode = v;
  }),
  [`${STATUS}/Active`]: (s, v) => {
    s.worker.status.active = v;
  },
  [`${STATUS}/Terminated`]: (s, v) => {
    s.worker.status.terminated = v;
  },
  [`${STATUS}/Hire_Date`]: (s, v) => {
    s.worker.status.hireDate = v;
  },
  [`${STATUS}/Termination_Date`]: (s, v) => {
    s.worker.status.terminationDate = v;
  },
  [`${ORG}/Organization_Data/Organization_Reference_ID`]: org((o, v) => (o.referenceId = v)),
  [`${ORG}/Organization_Data/Organization_Name`]: org((o, v) => (o.name = v)),
  [`${ORG}/Organization_Data/Organization_Type_Reference/ID`]: org((o, v, a) => {
    if (a['type'] === 'Organization_Type_ID') o.type = v;
  }),
  [`${LINK}/Manager_Reference/ID`]: (s, v, a) => {
    const link = last(last(s.worker.managementChains) ?? []);
    if (link && s.managerRefs === 1 && a['type'] === 'WID') link.wid = v;
  },
};

/** The element paths (relative to `wd:Worker`) the reader collects text or attributes from. */
export const READ_PATHS: readonly string[] = [...Object.keys(OPEN), ...Object.keys(TEXT)];

type Job = RawWorker['jobs'][number];
type Org = RawWorker['organizations'][number];

function job(set: (job: Job, value: string, attrs: Attrs) => void): TextHandler {
  return (s, v, a) => {
    const current = last(s.worker.jobs);
    if (current) set(current, v, a);
  };
}

function org(set: (org: Org, value: string, attrs: Attrs) => void): TextHandler {
  return (s, v, a) => {
    const current = last(s.worker.organizations);
    if (current) set(current, v, a);
  };
}

function emptyWorker(): RawWorker {
  return {
    wid: null,
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
  };
}

interface Frame {
  /** Absolute path of local names; null inside a worker (not needed there). */
  abs: string | null;
  /** Path relative to the current `Worker`; null outside one. */
  rel: string | null;
}

/** Feeds text to saxes and collects the events; `drain()` hands them over. */
export class GetWorkersReader {
  private readonly parser = new SaxesParser({ xmlns: true });
  private readonly frames: Frame[] = [];
  private events: SoapEvent[] = [];
  private worker: WorkerState | null = null;
  private collecting: { depth: number; handler: TextHandler; attrs: Attrs; text: string } | null =
    null;
  private outside: { depth: number; key: string; text: string } | null = null;
  private results: Record<string, string> = {};
  private fault: SoapFault = { code: null, message: null, detail: null };
  private sawResponse = false;
  /** True once a SOAP `Envelope` root opened (so an early end is a truncation, not garbage). */
  started = false;

  constructor() {
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (text) => this.text(text));
    this.parser.on('cdata', (text) => this.text(text));
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  end(): void {
    this.parser.close();
    this.events.push({ kind: 'end', getWorkersResponse: this.sawResponse });
  }

  drain(): SoapEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  private open(tag: SaxesTagNS): void {
    const name = tag.local;
    if (this.frames.length === 0 && name === 'Envelope') this.started = true;
    const parent = this.frames[this.frames.length - 1];
    let frame: Frame;
    if (parent?.rel !== null && parent?.rel !== undefined) {
      frame = { abs: null, rel: parent.rel === '' ? name : `${parent.rel}/${name}` };
    } else {
      const abs = parent?.abs ? `${parent.abs}/${name}` : name;
      const startsWorker = parent?.abs === WORKERS && name === 'Worker';
      frame = { abs: startsWorker ? null : abs, rel: startsWorker ? '' : null };
      if (startsWorker) this.worker = { worker: emptyWorker(), email: null, managerRefs: 0 };
      if (abs === RESPONSE) this.sawResponse = true;
    }
    this.frames.push(frame);
    const depth = this.frames.length;
    if (frame.rel !== null && this.worker !== null) {
      const attrs = localAttributes(tag);
      OPEN[frame.rel]?.(this.worker, attrs);
      const handler = TEXT[frame.rel];
      if (handler) this.collecting = { depth, handler, attrs, text: '' };
    } else if (frame.abs !== null) {
      const key = outsideKey(frame.abs);
      if (key !== null) this.outside = { depth, key, text: '' };
    }
  }

  private text(text: string): void {
    if (this.collecting) this.collecting.text += text;
    else if (this.outside) this.outside.text += text;
  }

  private close(): void {
    const depth = this.frames.length;
    const frame = this.frames.pop();
    if (frame === undefined) return;
    const state = this.worker;
    if (this.collecting?.depth === depth && state) {
      const { handler, attrs, text } = this.collecting;
      this.collecting = null;
      handler(state, text, attrs);
    }
    if (this.outside?.depth === depth) {
      this.keepOutside(this.outside.key, this.outside.text);
      this.outside = null;
    }
    if (frame.rel === EMAIL && state?.email) {
      const { address, usage, primary } = state.email;
      // HOME (and any other usage) addresses are dropped here, never kept.
      if (usage === 'WORK') {
        state.worker.workEmails.push({ address, primary, public: state.email.public });
      }
      state.email = null;
    } else if (frame.rel === '' && state) {
      this.events.push({ kind: 'worker', worker: state.worker });
      this.worker = null;
    } else if (frame.abs === RESULTS) {
      const n = (key: string): number | null => {
        const value = Number(this.results[key]);
        return this.results[key] !== undefined && Number.isInteger(value) ? value : null;
      };
      this.events.push({
        kind: 'results',
        totalPages: n('Total_Pages'),
        totalResults: n('Total_Results'),
        page: n('Page'),
      });
    } else if (frame.abs === FAULT) {
      this.events.push({ kind: 'fault', fault: this.fault });
    }
  }

  private keepOutside(key: string, text: string): void {
    const value = text.trim();
    if (key.startsWith('results:')) this.results[key.slice(8)] = value;
    else if (key === 'fault:code') this.fault.code = value || null;
    else if (key === 'fault:message') this.fault.message = value || null;
    else if (key === 'fault:detail') this.fault.detail ??= value || null;
  }
}

/** Outside workers: Response_Results counters and the fault's code, string and detail. */
function outsideKey(abs: string): string | null {
  if (abs.startsWith(`${RESULTS}/`)) return `results:${abs.slice(RESULTS.length + 1)}`;
  if (abs === `${FAULT}/faultcode`) return 'fault:code';
  if (abs === `${FAULT}/faultstring`) return 'fault:message';
  if (abs.startsWith(`${FAULT}/detail/`) && /\/(Detail_Message|Message)$/.test(abs)) {
    return 'fault:detail';
  }
  return null;
}

function localAttributes(tag: SaxesTagNS): Attrs {
  const out: Record<string, string> = {};
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
    out[attribute.local] = attribute.value;
  }
  return out;
}

/**
 * Reads a Get_Workers body to the end, yielding its events. Failures: the client's ConnectorError
 * for a failed body stream; `truncated` when the body ends inside the document; `invalid_payload`
 * when it is not XML. Messages name the answer (`what`) and never echo the body.
 */
export async function* readGetWorkers(
  body: Readable,
  options: { what: string; status: number; signal?: AbortSignal | undefined },
): AsyncGenerator<SoapEvent> {
  const reader = new GetWorkersReader();
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of body) {
      reader.write(
        typeof chunk === 'string' ? chunk : decoder.decode(chunk as Buffer, { stream: true }),
      );
      yield* reader.drain();
    }
    reader.write(decoder.decode());
    reader.end();
    yield* reader.drain();
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    if (options.signal?.aborted) {
      throw new ConnectorError('cancelled', `reading ${options.what}: cancelled`, false);
    }
    if (reader.started && body.readableEnded) {
      throw new ConnectorError(
        'truncated',
        `${options.what} ended in the middle of the XML document`,
        true,
        options.status,
      );
    }
    throw new ConnectorError(
      'invalid_payload',
      `${options.what} is not well-formed XML`,
      false,
      options.status,
    );
  } finally {
    body.destroy();
  }
}
