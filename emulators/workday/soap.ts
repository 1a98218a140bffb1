import type { ServerResponse } from 'node:http';
import type { Person } from '../shared/company.ts';
import { sensitiveValue } from '../shared/company.ts';
import { BodyWriter } from '../shared/http.ts';
import {
  countryOf,
  fullName,
  isContingent,
  locationIdOf,
  managementChain,
  supervisoryOrgId,
  workerTypeOf,
  type CompanyView,
} from './people.ts';
import type { GetWorkersCall } from './soap-request.ts';

/** SOAP 1.1 envelope namespace and Workday's (NOTES §8 samples). */
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const WD_NS = 'urn:com.workday/bsvc';

/** Element paths (relative to wd:Worker) the emulator fills with `sensitiveValue()`. */
export const SENSITIVE_FIELD_IDS = [
  'Worker_Data/Personal_Data/Gender_Reference',
  'Worker_Data/Personal_Data/Birth_Date',
  'Worker_Data/Personal_Data/Ethnicity_Reference',
  'Worker_Data/Personal_Data/Identification_Data/National_ID',
  'Worker_Data/Personal_Data/Contact_Data/Address_Data',
  'Worker_Data/Personal_Data/Contact_Data/Phone_Data',
  "Worker_Data/Personal_Data/Contact_Data/Email_Address_Data[usage='HOME']/Email_Address",
  'Worker_Data/Compensation_Data',
] as const;

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** A SOAP fault as Workday sends it (NOTES §8, `soap-faults.xml`), HTTP 500 unless told. */
export function sendSoapFault(
  res: ServerResponse,
  faultcode: string,
  faultstring: string,
  options: { status?: number; detail?: string; headers?: Record<string, string> } = {},
): void {
  const detail =
    options.detail === undefined
      ? ''
      : `<detail><wd:Validation_Fault><wd:Validation_Error><wd:Message>${escapeXml(
          options.detail,
        )}</wd:Message></wd:Validation_Error></wd:Validation_Fault></detail>`;
  const body =
    `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_NS}">` +
    `<SOAP-ENV:Body><SOAP-ENV:Fault xmlns:wd="${WD_NS}"><faultcode>${faultcode}</faultcode>` +
    `<faultstring>${escapeXml(faultstring)}</faultstring>${detail}</SOAP-ENV:Fault>` +
    '</SOAP-ENV:Body></SOAP-ENV:Envelope>';
  res.writeHead(options.status ?? 500, {
    ...options.headers,
    'content-type': 'text/xml; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

export interface GetWorkersPage {
  people: readonly Person[];
  totalResults: number;
  totalPages: number;
  page: number;
  count: number;
}

/** Streams one Get_Workers page; `truncateAfterBytes` cuts it and drops the connection. */
export async function writeGetWorkers(
  res: ServerResponse,
  view: CompanyView,
  call: GetWorkersCall,
  page: GetWorkersPage,
  truncateAfterBytes: number | undefined,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
  const out = new BodyWriter(res, truncateAfterBytes);
  const version = escapeXml(call.version ?? 'v44.0');
  await out.write(
    `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="${SOAP_NS}"><env:Body>` +
      `<wd:Get_Workers_Response xmlns:wd="${WD_NS}" wd:version="${version}">` +
      `<wd:Response_Filter><wd:As_Of_Effective_Date>${view.company.today}</wd:As_Of_Effective_Date>` +
      `<wd:Page>${page.page}</wd:Page><wd:Count>${page.count}</wd:Count></wd:Response_Filter>` +
      `<wd:Response_Results><wd:Total_Results>${page.totalResults}</wd:Total_Results>` +
      `<wd:Total_Pages>${page.totalPages}</wd:Total_Pages>` +
      `<wd:Page_Results>${page.people.length}</wd:Page_Results><wd:Page>${page.page}</wd:Page>` +
      '</wd:Response_Results><wd:Response_Data>',
  );
  for (const person of page.people) {
    if (!(await out.write(renderWorker(view, person, call.responseGroup)))) return;
  }
  await out.write('</wd:Response_Data></wd:Get_Workers_Response></env:Body></env:Envelope>');
  await out.end();
}

/** Workday dates carry the tenant's offset (NOTES §5: `2000-01-01-08:00`). */
const wdDate = (date: string): string => `${date}-08:00`;
const el = (name: string, content: string, attrs = ''): string =>
  `<wd:${name}${attrs}>${content}</wd:${name}>`;
const text = (name: string, value: string | null): string =>
  value === null ? '' : el(name, escapeXml(value));
const id = (type: string, value: string): string =>
  el('ID', escapeXml(value), ` wd:type="${type}"`);
const descriptor = (value: string): string => ` wd:Descriptor="${escapeXml(value)}"`;

function workerReference(person: Person): string {
  const number = person.employeeNumber;
  const numberType = isContingent(person) ? 'Contingent_Worker_ID' : 'Employee_ID';
  return id('WID', person.id) + (number === null ? '' : id(numberType, number));
}

/** One `wd:Worker` in the shape of the constructed sample (`get-workers.response.page1.xml`). */
export function renderWorker(
  view: CompanyView,
  person: Person,
  group: Readonly<Record<string, boolean>>,
): string {
  const name = fullName(person);
  const parts: string[] = [
    text('Worker_ID', person.employeeNumber),
    text('User_ID', person.email?.split('@')[0] ?? null),
  ];
  if (group['Include_Personal_Information']) parts.push(personalData(person));
  if (group['Include_Employment_Information']) parts.push(employmentData(person));
  if (group['Include_Compensation']) {
    parts.push(
      el(
        'Compensation_Data',
        text('Total_Base_Pay', sensitiveValue('Compensation_Data', person.id)),
      ),
    );
  }
  if (group['Include_Organizations']) parts.push(organizationData(view, person));
  if (group['Include_Management_Chain_Data']) parts.push(managementChainData(view, person));
  const reference =
    group['Include_Reference'] === false
      ? ''
      : el('Worker_Reference', workerReference(person), descriptor(name));
  return el(
    'Worker',
    reference + el('Worker_Descriptor', escapeXml(name)) + el('Worker_Data', parts.join('')),
  );
}

function personalData(person: Person): string {
  const s = (field: string): string => escapeXml(sensitiveValue(field, person.id));
  const nameDetail = el(
    'Name_Detail_Data',
    text('First_Name', person.firstName) + text('Last_Name', person.lastName),
    ` wd:Formatted_Name="${escapeXml(fullName(person))}"`,
  );
  const usage = (type: string, isPublic: boolean): string =>
    el(
      'Usage_Data',
      el(
        'Type_Data',
        el('Type_Reference', id('Communication_Usage_Type_ID', type)),
        ' wd:Primary="1"',
      ),
      ` wd:Public="${isPublic ? 1 : 0}"`,
    );
  // The HOME address, phone and email come first: a reader must not take the first email it sees.
  const contact = el(
    'Contact_Data',
    el('Address_Data', text('Address_Line_Data', s('Address_Data')) + usage('HOME', false)) +
      el('Phone_Data', text('Formatted_Phone', s('Phone_Data')) + usage('HOME', false)) +
      el('Email_Address_Data', text('Email_Address', s('Email_Address')) + usage('HOME', false)) +
      (person.email === null
        ? ''
        : el('Email_Address_Data', text('Email_Address', person.email) + usage('WORK', true))),
  );
  return el(
    'Personal_Data',
    el('Name_Data', el('Legal_Name_Data', nameDetail) + el('Preferred_Name_Data', nameDetail)) +
      el(
        'Gender_Reference',
        id('Gender_Code', s('Gender_Reference')),
        descriptor(s('Gender_Reference')),
      ) +
      text('Birth_Date', s('Birth_Date')) +
      el('Ethnicity_Reference', id('Ethnicity_ID', s('Ethnicity_Reference'))) +
      el(
        'Identification_Data',
        el('National_ID', el('National_ID_Data', text('ID', s('National_ID')))),
      ) +
      contact,
  );
}

function employmentData(person: Person): string {
  const type = workerTypeOf(person.employmentKind);
  const country = countryOf(person);
  const locationId = locationIdOf(person);
  const site =
    person.location === null
      ? ''
      : el(
          'Business_Site_Summary_Data',
          el(
            'Location_Reference',
            id('Location_ID', locationId ?? ''),
            descriptor(person.location),
          ) +
            text('Name', person.location) +
            (country === null
              ? ''
              : el(
                  'Address_Data',
                  el(
                    'Country_Reference',
                    id('ISO_3166-1_Alpha-2_Code', country.code),
                    descriptor(country.name),
                  ),
                )),
        );
  const position = el(
    'Position_Data',
    text('Business_Title', person.title) +
      (type === null
        ? ''
        : el('Worker_Type_Reference', id(type.idType, type.id), descriptor(type.descriptor))) +
      (person.employmentKind === 'part_time'
        ? el('Position_Time_Type_Reference', id('Position_Time_Type_ID', 'Part_time'))
        : '') +
      site,
  );
  return el(
    'Employment_Data',
    el('Worker_Job_Data', position, ' wd:Primary_Job="1"') + statusData(person),
  );
}

/**
 * Worker_Status_Data by lifecycle (NOTES §5–§6): future hires are Active=0 until their hire date;
 * leave keeps Active=1 with On_Leave; a rehire keeps its old Termination_Date (assumed).
 */
function statusData(person: Person): string {
  const terminated = person.lifecycle === 'terminated';
  const active = !terminated && person.lifecycle !== 'future';
  return el(
    'Worker_Status_Data',
    el('Active', active ? '1' : '0') +
      el('Hire_Date', wdDate(person.startDate)) +
      el('Terminated', terminated ? '1' : '0') +
      (person.terminationDate === null
        ? ''
        : el('Termination_Date', wdDate(person.terminationDate))) +
      (person.lifecycle === 'leave' ? el('Leave_Status_Data', el('On_Leave', '1')) : ''),
  );
}

function organizationData(view: CompanyView, person: Person): string {
  if (person.department === null) return '';
  const head = view.heads.get(person.department);
  const org = (refId: string, name: string, type: string, label: string): string =>
    el(
      'Worker_Organization_Data',
      el('Organization_Reference', id('Organization_Reference_ID', refId), descriptor(label)) +
        el(
          'Organization_Data',
          text('Organization_Reference_ID', refId) +
            text('Organization_Name', name) +
            el('Organization_Type_Reference', id('Organization_Type_ID', type)),
        ),
    );
  const supId = supervisoryOrgId(person.department);
  // The cost center comes first: a reader must pick the SUPERVISORY one, not the first.
  return el(
    'Organization_Data',
    org(
      supId.replace(/^SUP_/, 'CC_'),
      `${person.department} Cost Center`,
      'COST_CENTER',
      person.department,
    ) +
      org(
        supId,
        person.department,
        'SUPERVISORY',
        head ? `${person.department} (${head})` : person.department,
      ),
  );
}

function managementChainData(view: CompanyView, person: Person): string {
  const chain = managementChain(view, person);
  if (chain.length === 0) return '';
  const links = chain.map((manager) =>
    el(
      'Management_Chain_Data',
      (manager.department === null
        ? ''
        : el(
            'Organization_Reference',
            id('Organization_Reference_ID', supervisoryOrgId(manager.department)),
          )) + el('Manager_Reference', workerReference(manager), descriptor(fullName(manager))),
    ),
  );
  return el(
    'Management_Chain_Data',
    el('Worker_Supervisory_Management_Chain_Data', links.join('')),
  );
}
