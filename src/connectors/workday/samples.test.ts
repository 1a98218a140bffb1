import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedSample } from '../testing/shared-samples.ts';
import { WORKDAY_RESPONSE_GROUP } from './api.ts';
import { errorForFault } from './errors.ts';
import { mapWorkdayWorker } from './map.ts';
import { GetWorkersReader, type SoapEvent } from './xml-stream.ts';

/** The shared vendor samples (NOTES §9), read in place; a user's clone skips these, loudly. */
const PAGE = sharedSample('workday', 'get-workers.response.page1.xml');
const PERSONAL = sharedSample('workday', 'get-workers.response.personal-info.verbatim.xml');
const FAULTS = sharedSample('workday', 'soap-faults.xml');
const REQUEST = sharedSample('workday', 'get-workers.request.xml');
const TODAY = '2026-06-15';

function events(xml: string): SoapEvent[] {
  const reader = new GetWorkersReader();
  reader.write(xml);
  reader.end();
  return reader.drain();
}

function mapFile(path: string | null) {
  if (path === null) throw new Error('unreachable: the suite is skipped without samples');
  return events(readFileSync(path, 'utf8')).flatMap((e) =>
    e.kind === 'worker' ? [mapWorkdayWorker(e.worker, { today: TODAY })] : [],
  );
}

describe.skipIf(PAGE === null || PERSONAL === null || FAULTS === null || REQUEST === null)(
  'Workday shared samples through the reader and the mapper',
  () => {
    it('maps the constructed page: two active workers and a leaver', () => {
      expect(mapFile(PAGE)).toMatchObject([
        {
          ok: true,
          employee: {
            externalId: '3aa5550b7fe348b98d7b5741afc65534',
            employeeNumber: '21001',
            firstName: 'Logan',
            lastName: 'McNeil',
            workEmail: 'lmcneil@workday.example',
            department: 'Human Resources',
            departmentId: 'SUP_HR',
            jobTitle: 'Chief Human Resources Officer',
            employeeType: 'Regular',
            location: 'San Francisco',
            locationId: 'San_Francisco_site',
            country: 'US',
            managerExternalId: '0e44c92412d34b01ace61e80a47aaf6d',
            managerName: 'Steve Morgan',
            employmentStatus: 'active',
            startDate: '2000-01-01',
          },
        },
        { ok: true, employee: { firstName: 'Steve', managerExternalId: null } },
        {
          ok: true,
          employee: {
            externalId: '00000000000000000000000000000099',
            employmentStatus: 'terminated',
            terminationDate: '2025-06-30',
            workEmail: null,
          },
        },
      ]);
    });

    it('keeps nothing sensitive from the verbatim personal-data answer', () => {
      const results = mapFile(PERSONAL);
      expect(results).toMatchObject([
        {
          ok: true,
          employee: { externalId: '00000000000000000000000000000000', firstName: 'Example' },
        },
      ]);
      const text = JSON.stringify(results);
      for (const value of ['1960-01-01', '000-00-0000', 'Male', 'Married', 'Purple', 'Citizen']) {
        expect(text).not.toContain(value);
      }
    });

    it('classifies each sample fault', () => {
      const faults = readFileSync(FAULTS ?? '', 'utf8')
        .split(/(?=<SOAP-ENV:Envelope)/)
        .slice(1)
        .map((part) => part.replace(/<\/faults>\s*$/, ''))
        .flatMap((xml) => events(xml).flatMap((e) => (e.kind === 'fault' ? [e.fault] : [])));
      expect(faults.map((f) => errorForFault(f, 500).code)).toEqual([
        'auth_failed',
        'bad_request',
        'forbidden',
      ]);
      expect(faults[1]?.detail).toContain("'45873' is not a valid ID value");
    });

    it('sends every Response_Group flag of the recommended request, and the same criteria', () => {
      const request = readFileSync(REQUEST ?? '', 'utf8');
      const flags = [...request.matchAll(/<wd:((?:Include|Exclude)_\w+)>1<\/wd:\1>/g)].map(
        (m) => m[1],
      );
      const ours: readonly string[] = WORKDAY_RESPONSE_GROUP.map(([name]) => name);
      expect(flags.filter((flag) => !ours.includes(flag ?? ''))).toEqual([]);
      expect(request).toContain('<wd:Exclude_Inactive_Workers>false</wd:Exclude_Inactive_Workers>');
    });
  },
);
