import { z } from 'zod';

/**
 * Workday Web Services (SOAP), `Human_Resources` → `Get_Workers` (NOTES §2–§5). Element names
 * below are local names in the `urn:com.workday/bsvc` namespace; paths are relative to
 * `wd:Worker` unless they say otherwise.
 */

export const WORKDAY_DEFAULT_API_VERSION = 'v44.0';
/** Workers per page (NOTES §3: Entra uses 30, Nango 100; a maximum of 999 is unconfirmed). */
export const WORKDAY_DEFAULT_PAGE_SIZE = 100;
export const WORKDAY_MAX_PAGE_SIZE = 999;
/** A ceiling on pages per run, so a server that keeps raising Total_Pages cannot loop forever. */
export const WORKDAY_MAX_PAGES = 10_000;

/** `POST /ccx/service/{tenant}/Human_Resources/{version}` (NOTES §2). */
export function getWorkersPath(tenant: string, version: string): string {
  return `/ccx/service/${encodeURIComponent(tenant)}/Human_Resources/${encodeURIComponent(version)}`;
}

/**
 * The Response_Group flags Rollcall sends: as little as Get_Workers allows. Names, the work email
 * and the lifecycle need Personal and Employment information; Workday has no finer projection, so
 * the parser (`xml-stream.ts`) keeps only `WORKDAY_REQUESTED_FIELDS` (NOTES §5 "Sensitive data").
 */
export const WORKDAY_RESPONSE_GROUP = [
  ['Include_Reference', true],
  ['Include_Personal_Information', true],
  ['Include_Employment_Information', true],
  ['Include_Organizations', true],
  ['Include_Management_Chain_Data', true],
  ['Exclude_Organization_Support_Role_Data', true],
  ['Exclude_Location_Hierarchies', true],
  ['Exclude_Cost_Center_Hierarchies', true],
  ['Exclude_Company_Hierarchies', true],
  ['Exclude_Matrix_Organizations', true],
  ['Exclude_Pay_Groups', true],
  ['Exclude_Regions', true],
  ['Exclude_Region_Hierarchies', true],
] as const;

/** Response_Group flags that must never be sent (compensation, photos, documents, …). */
export const WORKDAY_FORBIDDEN_RESPONSE_GROUP_FLAGS = [
  'Include_Compensation',
  'Include_Benefit_Enrollments',
  'Include_Benefit_Eligibility',
  'Include_Photo',
  'Include_Worker_Documents',
  'Include_Background_Check_Data',
  'Include_Qualifications',
  'Include_Skills',
  'Include_Employee_Review',
  'Include_Development_Items',
  'Include_Related_Persons',
  'Include_Feedback_Received',
  'Show_All_Personal_Information',
] as const;

/**
 * The element paths (relative to `wd:Worker`) the parser reads, with the attribute conditions it
 * applies. Nothing outside this list is kept: see the handler table in `xml-stream.ts`, whose keys
 * are these paths without the bracketed conditions.
 */
export const WORKDAY_REQUESTED_FIELDS = [
  "Worker_Reference/ID[@type='WID']",
  "Worker_Reference/ID[@type='Employee_ID']",
  "Worker_Reference/ID[@type='Contingent_Worker_ID']",
  'Worker_Data/Worker_ID',
  'Worker_Data/Personal_Data/Name_Data/Legal_Name_Data/Name_Detail_Data/First_Name',
  'Worker_Data/Personal_Data/Name_Data/Legal_Name_Data/Name_Detail_Data/Last_Name',
  'Worker_Data/Personal_Data/Name_Data/Preferred_Name_Data/Name_Detail_Data/First_Name',
  'Worker_Data/Personal_Data/Name_Data/Preferred_Name_Data/Name_Detail_Data/Last_Name',
  "Worker_Data/Personal_Data/Contact_Data/Email_Address_Data[usage='WORK']/Email_Address",
  'Worker_Data/Employment_Data/Worker_Job_Data/@Primary_Job',
  'Worker_Data/Employment_Data/Worker_Job_Data/Position_Data/Business_Title',
  'Worker_Data/Employment_Data/Worker_Job_Data/Position_Data/Position_Title',
  'Worker_Data/Employment_Data/Worker_Job_Data/Position_Data/Job_Profile_Summary_Data/Job_Profile_Name',
  'Worker_Data/Employment_Data/Worker_Job_Data/Position_Data/Worker_Type_Reference/@Descriptor',
  "Worker_Data/Employment_Data/Worker_Job_Data/Position_Data/Business_Site_Summary_Data/Location_Reference/ID[@type='Location_ID']",
  'Worker_Data/Employment_Data/Worker_Job_Data/Position_Data/Business_Site_Summary_Data/Name',
  "Worker_Data/Employment_Data/Worker_Job_Data/Position_Data/Business_Site_Summary_Data/Address_Data/Country_Reference/ID[@type='ISO_3166-1_Alpha-2_Code']",
  'Worker_Data/Employment_Data/Worker_Status_Data/Active',
  'Worker_Data/Employment_Data/Worker_Status_Data/Terminated',
  'Worker_Data/Employment_Data/Worker_Status_Data/Hire_Date',
  'Worker_Data/Employment_Data/Worker_Status_Data/Termination_Date',
  'Worker_Data/Organization_Data/Worker_Organization_Data/Organization_Data/Organization_Reference_ID',
  'Worker_Data/Organization_Data/Worker_Organization_Data/Organization_Data/Organization_Name',
  "Worker_Data/Organization_Data/Worker_Organization_Data/Organization_Data/Organization_Type_Reference/ID[@type='Organization_Type_ID']",
  'Worker_Data/Management_Chain_Data/Worker_Supervisory_Management_Chain_Data/Management_Chain_Data/Manager_Reference/@Descriptor',
  "Worker_Data/Management_Chain_Data/Worker_Supervisory_Management_Chain_Data/Management_Chain_Data/Manager_Reference/ID[@type='WID']",
] as const;

/**
 * Where Workday puts sensitive data in a Get_Workers answer (NOTES §5, the verbatim personal-data
 * sample). None of it is in `WORKDAY_REQUESTED_FIELDS`; a test proves the parser drops it.
 */
export const WORKDAY_DENIED_FIELDS = [
  'Worker_Data/Personal_Data/Birth_Date',
  'Worker_Data/Personal_Data/Date_of_Death',
  'Worker_Data/Personal_Data/Gender_Reference',
  'Worker_Data/Personal_Data/Marital_Status_Reference',
  'Worker_Data/Personal_Data/Ethnicity_Reference',
  'Worker_Data/Personal_Data/Hispanic_or_Latino',
  'Worker_Data/Personal_Data/Disability_Status_Data',
  'Worker_Data/Personal_Data/Military_Service_Data',
  'Worker_Data/Personal_Data/Citizenship_Status_Reference',
  'Worker_Data/Personal_Data/Nationality_Reference',
  'Worker_Data/Personal_Data/Identification_Data/National_ID',
  'Worker_Data/Personal_Data/Identification_Data/Passport_ID',
  'Worker_Data/Personal_Data/Identification_Data/Custom_ID',
  'Worker_Data/Personal_Data/Contact_Data/Address_Data',
  'Worker_Data/Personal_Data/Contact_Data/Phone_Data',
  "Worker_Data/Personal_Data/Contact_Data/Email_Address_Data[usage='HOME']/Email_Address",
  'Worker_Data/Compensation_Data',
  'Worker_Data/Benefit_Enrollment_Data',
  'Worker_Data/Photo_Data',
  'Worker_Data/Worker_Document_Data',
  'Worker_Data/Employment_Data/Worker_Status_Data/Primary_Termination_Reason_Reference',
  'Worker_Data/Employment_Data/Worker_Status_Data/Termination_Involuntary',
] as const;

export interface GetWorkersRequestInput {
  /** `user@tenant` (WS-Security UsernameToken). */
  username: string;
  password: string;
  version: string;
  page: number;
  count: number;
  /** YYYY-MM-DD: pinned for every page so paging sees one consistent snapshot (NOTES §3). */
  asOfEffectiveDate: string;
  /** ISO date-time, pinned like the effective date. */
  asOfEntryDateTime: string;
}

/** The SOAP envelope of one Get_Workers page (`get-workers.request.xml`, NOTES §3). */
export function getWorkersRequest(input: GetWorkersRequestInput): string {
  const flags = WORKDAY_RESPONSE_GROUP.map(
    ([name, on]) => `<wd:${name}>${on ? 'true' : 'false'}</wd:${name}>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:wd="urn:com.workday/bsvc">' +
    '<env:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/' +
    'oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken>' +
    `<wsse:Username>${escapeXml(input.username)}</wsse:Username>` +
    '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-' +
    `token-profile-1.0#PasswordText">${escapeXml(input.password)}</wsse:Password>` +
    '</wsse:UsernameToken></wsse:Security></env:Header>' +
    `<env:Body><wd:Get_Workers_Request wd:version="${escapeXml(input.version)}">` +
    '<wd:Request_Criteria><wd:Exclude_Inactive_Workers>false</wd:Exclude_Inactive_Workers>' +
    '</wd:Request_Criteria>' +
    '<wd:Response_Filter>' +
    `<wd:As_Of_Effective_Date>${escapeXml(input.asOfEffectiveDate)}</wd:As_Of_Effective_Date>` +
    `<wd:As_Of_Entry_DateTime>${escapeXml(input.asOfEntryDateTime)}</wd:As_Of_Entry_DateTime>` +
    `<wd:Page>${input.page}</wd:Page><wd:Count>${input.count}</wd:Count>` +
    '</wd:Response_Filter>' +
    `<wd:Response_Group>${flags}</wd:Response_Group>` +
    '</wd:Get_Workers_Request></env:Body></env:Envelope>'
  );
}

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** The ISU user name as WS-Security wants it: `name@tenant` (NOTES §2, MS-TUT). */
export function soapUsername(username: string, tenant: string): string {
  return username.includes('@') ? username : `${username}@${tenant}`;
}

const text = z.string().nullable();

/**
 * One worker as the parser keeps it: only allowlisted values, as text. The mapper validates it
 * again (it is the edge between the XML reader and the pure mapping).
 */
export const rawWorkerSchema = z.object({
  wid: text,
  employeeId: text,
  contingentWorkerId: text,
  workerId: text,
  legalFirstName: text,
  legalLastName: text,
  preferredFirstName: text,
  preferredLastName: text,
  workEmails: z.array(z.object({ address: text, primary: z.boolean(), public: z.boolean() })),
  jobs: z.array(
    z.object({
      primary: z.boolean(),
      businessTitle: text,
      positionTitle: text,
      jobProfileName: text,
      workerType: text,
      locationId: text,
      locationName: text,
      countryCode: text,
    }),
  ),
  status: z.object({
    active: text,
    terminated: text,
    hireDate: text,
    terminationDate: text,
  }),
  organizations: z.array(z.object({ referenceId: text, name: text, type: text })),
  managementChains: z.array(z.array(z.object({ wid: text, name: text }))),
});

export type RawWorker = z.infer<typeof rawWorkerSchema>;
