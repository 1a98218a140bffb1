import { describe, expect, it } from 'vitest';
import { JsonArrayScanner, JsonScanError, type JsonScanFailure } from './json-array-scanner.ts';

/**
 * A document that puts every hard case on a small number of bytes: strings holding `}` `]` `"`
 * `\` and `\u` escapes, multi-byte characters (2, 3 and 4 bytes), nested objects and arrays,
 * whitespace everywhere, another top-level value with an `employees` key inside it (not the one),
 * and primitives as elements.
 */
const DOCUMENT = `\uFEFF {
  "title" : "r\\"}]" , "fields":[{"id":"employees","employees":[{"x":"]}"}]}],
  "n":-1.5e3,"ok":true,"none":null,"k\\u0065y":"v",
  "employees" : [
    {"id":"1","name":"Zoë 王 😀","note":"a}b]c\\"d\\\\","esc":"\\u00e9\\ud83d\\ude00\\n\\\\\\"",
     "deep":{"a":[1,[2,{"b":"}"}]],"c":{}},"e":[]} ,
    {"id":"2","path":"C:\\\\","q":"\\\\\\\\"},
    42, "s]", null, [ {"}":"{"} ], true
  ]
}
`;
const EXPECTED = (JSON.parse(DOCUMENT.slice(1)) as { employees: unknown[] }).employees;
const BYTES = Buffer.from(DOCUMENT);

type Outcome = { values: unknown[]; failure?: JsonScanFailure };

/** Scans byte pieces the way the stream does: a streaming UTF-8 decode, then the scanner. */
function scan(pieces: readonly Uint8Array[], field = 'employees'): Outcome {
  const scanner = new JsonArrayScanner(field);
  const decoder = new TextDecoder();
  const values: unknown[] = [];
  try {
    for (const piece of pieces) scanner.push(decoder.decode(piece, { stream: true }), values);
    scanner.push(decoder.decode(), values);
    scanner.end();
    return scanner.sawArray ? { values } : { values, failure: 'not_object' };
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error;
    return { values, failure: error.failure };
  }
}

const text = (s: string): Outcome => scan([Buffer.from(s)]);

describe('JsonArrayScanner', () => {
  it('yields the elements of the named top-level array, in one piece', () => {
    expect(EXPECTED).toHaveLength(7);
    expect(scan([BYTES])).toEqual({ values: EXPECTED });
  });

  it('gives the same elements whatever byte the document is split at (UTF-8 included)', () => {
    for (let at = 0; at <= BYTES.length; at += 1) {
      expect(scan([BYTES.subarray(0, at), BYTES.subarray(at)]), `split at ${at}`).toEqual({
        values: EXPECTED,
      });
    }
  });

  it('gives the same elements split at every pair of offsets, and one byte at a time', () => {
    for (let a = 0; a <= BYTES.length; a += 3) {
      for (let b = a; b <= BYTES.length; b += 1) {
        const pieces = [BYTES.subarray(0, a), BYTES.subarray(a, b), BYTES.subarray(b)];
        expect(scan(pieces), `split at ${a}, ${b}`).toEqual({ values: EXPECTED });
      }
    }
    const bytes = [...BYTES].map((byte) => Uint8Array.of(byte));
    expect(scan(bytes)).toEqual({ values: EXPECTED });
  });

  it('reports every truncation as truncated, never as a complete document', () => {
    const end = BYTES.lastIndexOf('}'.charCodeAt(0));
    const firstBrace = BYTES.indexOf('{'.charCodeAt(0));
    for (let at = 0; at <= end; at += 1) {
      const { failure } = scan([BYTES.subarray(0, at)]);
      expect(failure, `cut at ${at}`).toBe(at <= firstBrace ? 'not_json' : 'truncated');
    }
    expect(scan([BYTES.subarray(0, end + 1)])).toEqual({ values: EXPECTED });
  });

  it('completes an empty array, and tells a document without the array', () => {
    expect(text('{"employees":[]}')).toEqual({ values: [] });
    expect(text(' { "employees" : [ ] } ')).toEqual({ values: [] });
    expect(text('{}')).toEqual({ values: [], failure: 'not_object' });
    expect(text('{"other":[1]}')).toEqual({ values: [], failure: 'not_object' });
    expect(text('{"fields":{"employees":[1]}}')).toEqual({ values: [], failure: 'not_object' });
  });

  it('streams the array under another name, and both arrays when the key repeats', () => {
    expect(scan([Buffer.from('{"Report_Entry":[{"a":1}]}')], 'Report_Entry')).toEqual({
      values: [{ a: 1 }],
    });
    expect(text('{"employees":[1],"employees":[2]}')).toEqual({ values: [1, 2] });
  });

  it.each([
    ['garbage after the document', '{"employees":[1]} x', [1]],
    ['a second document', '{"employees":[1]}{}', [1]],
    ['garbage after the array', '{"employees":[1] x}', [1]],
    ['an element that is not JSON', '{"employees":[{"id":1},{"id":tru}]}', [{ id: 1 }]],
    ['an unquoted key in an element', '{"employees":[{id:1}]}', []],
    ['mismatched brackets in an element', '{"employees":[{"a":[1}]]}', []],
    ['a trailing comma', '{"employees":[1,]}', [1]],
    ['a leading comma', '{"employees":[,1]}', []],
    ['a missing comma', '{"employees":[{}{}]}', [{}]],
    ['an array that is an object', '{"employees":{"id":"1"}}', []],
    ['an invalid value beside the array', '{"n":01,"employees":[1]}', []],
    ['an invalid nested value beside it', '{"f":[tru],"employees":[1]}', []],
    ['an unquoted key', '{employees:[1]}', []],
    ['a missing colon', '{"employees" [1]}', []],
    ['a bad escape in a key', '{"\\x":1,"employees":[1]}', []],
  ])('rejects %s as invalid, after the elements before it', (_what, input, before) => {
    expect(text(input)).toEqual({ values: before, failure: 'invalid' });
  });

  it('tells a body that is not JSON from JSON that is not an object', () => {
    expect(text('')).toEqual({ values: [], failure: 'not_json' });
    expect(text('  \n')).toEqual({ values: [], failure: 'not_json' });
    expect(text('<html>x</html>')).toEqual({ values: [], failure: 'not_json' });
    expect(text('[{"employees":[1]}]')).toEqual({ values: [], failure: 'not_object' });
    expect(text('"employees"')).toEqual({ values: [], failure: 'not_object' });
  });

  it('keeps a long element whole across many pieces', () => {
    const note = 'x"}]\\'.repeat(50_000);
    const doc = Buffer.from(JSON.stringify({ employees: [{ note }, { id: 2 }] }));
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < doc.length; at += 4096) pieces.push(doc.subarray(at, at + 4096));
    expect(scan(pieces)).toEqual({ values: [{ note }, { id: 2 }] });
  });
});
