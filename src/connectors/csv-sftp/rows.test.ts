import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvEvents, type CsvEvent } from './rows.ts';

async function events(text: string, chunk = 7): Promise<CsvEvent[]> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const out: CsvEvent[] = [];
  for await (const event of readCsvEvents(Readable.from(chunks))) out.push(event);
  return out;
}

const summary = (list: CsvEvent[]) =>
  list.map((e) =>
    e.kind === 'header'
      ? `header${e.unusable ? ' unusable' : ''}`
      : e.kind === 'row'
        ? `row ${e.line} ${e.record['workEmail'] ?? ''}`
        : `malformed ${e.line}${e.restUnread ? ' rest-unread' : ''}`,
  );

describe('readCsvEvents', () => {
  it('reads the header with the upload mapping and rows with their start lines', async () => {
    const text =
      '\ufefffirst_name,work_email,notes\r\n' +
      'Ann,ann@x.io,"two\r\nlines"\r\n' +
      '\r\n' +
      'Bob,bob@x.io,\r\n' +
      ',,\r\n' +
      'Cy,cy@x.io,x\r\n';
    const list = await events(text);
    expect(summary(list)).toEqual(['header', 'row 2 ann@x.io', 'row 5 bob@x.io', 'row 7 cy@x.io']);
    const header = list[0];
    expect(header?.kind === 'header' && header.mapping.unknown.map((c) => c.header)).toEqual([
      'notes',
    ]);
  });

  it('reports a row with the wrong cell count and goes on', async () => {
    const list = await events('first_name,work_email\nAnn,ann@x.io\nBob\nCy,cy@x.io\n');
    expect(summary(list)).toEqual(['header', 'row 2 ann@x.io', 'malformed 3', 'row 4 cy@x.io']);
  });

  it('marks the rest of the file unread after an unclosed quote', async () => {
    const list = await events('first_name,work_email\nAnn,ann@x.io\n"Bob,bob@x.io\nCy,cy@x.io\n');
    expect(summary(list)).toEqual(['header', 'row 2 ann@x.io', 'malformed 3 rest-unread']);
  });

  it('stops after an unusable header', async () => {
    const list = await events('first_name,department\nAnn,Sales\n');
    expect(summary(list)).toEqual(['header unusable']);
  });

  it('yields only the header for a file without rows, nothing for no lines', async () => {
    expect(summary(await events('first_name,work_email\n'))).toEqual(['header']);
    expect(await events('')).toEqual([]);
    expect(await events('\n\n')).toEqual([]);
  });
});
