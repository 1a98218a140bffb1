/**
 * Why a scan went wrong: the text is not JSON at all (`not_json`), it is JSON but not an object
 * (`not_object`), it breaks JSON's grammar or puts something other than an array under the field
 * (`invalid`), or it ended before the document did (`truncated`).
 */
export type JsonScanFailure = 'not_json' | 'not_object' | 'invalid' | 'truncated';

/** A scan failure. Its message names the failure only: it never quotes the text. */
export class JsonScanError extends Error {
  constructor(readonly failure: JsonScanFailure) {
    super(`JSON scan failed: ${failure}`);
    this.name = 'JsonScanError';
  }
}

// Where the scanner stands in the document's skeleton (the top-level object and the array).
const BEFORE_DOCUMENT = 0;
const KEY_OR_END = 1;
const KEY = 2;
const COLON = 3;
const VALUE = 4;
const AFTER_VALUE = 5;
const FIRST_ELEMENT = 6;
const ELEMENT = 7;
const AFTER_ELEMENT = 8;
const AFTER_DOCUMENT = 9;
/** Inside a token (a key, a skipped value or an element) that continues in the next chunk. */
const IN_TOKEN = 10;

// What the token being read is.
const KEY_TOKEN = 0;
const SKIPPED_TOKEN = 1;
const ELEMENT_TOKEN = 2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON_CHAR = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The first character of a JSON value other than an object: `[`, `"`, `-`, a digit, t, f, n. */
const startsOtherValue = (c: number): boolean =>
  c === OPEN_BRACKET ||
  c === QUOTE ||
  c === 0x2d ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x74 ||
  c === 0x66 ||
  c === 0x6e;

/**
 * Finds the elements of one array under a top-level key (`{"employees":[{…},{…}]}`) in text that
 * arrives in pieces, and parses each with `JSON.parse`: a hand-written scan that only follows
 * strings, escapes and bracket depth is several times faster than a token-by-token streaming
 * parser, and memory holds one element (plus the current piece), never the document.
 *
 * The skeleton (the top-level object, its keys, colons and commas, the array's commas) is checked
 * here; every element, key and other top-level value is checked by `JSON.parse`, so the whole
 * document is validated. Other top-level values (a report's `fields`, `title`) are held whole
 * while they are read: vendors put small metadata there. A key seen twice streams both arrays.
 */
export class JsonArrayScanner {
  readonly #field: string;
  #state = BEFORE_DOCUMENT;
  #sawArray = false;
  #key = '';
  // The token being read: its kind, the pieces of it from earlier chunks, and the scan's state.
  #token = KEY_TOKEN;
  #parts: string[] = [];
  #depth = 0;
  #inString = false;
  #escaped = false;
  #primitive = false;

  constructor(field: string) {
    this.#field = field;
  }

  /** Whether the named array was found (its elements may still be arriving). */
  get sawArray(): boolean {
    return this.#sawArray;
  }

  /**
   * Scans the next piece of text and appends the elements it completes to `out`, in order. On a
   * failure, the elements completed before it are in `out` and a JsonScanError is thrown.
   */
  push(text: string, out: unknown[]): void {
    const n = text.length;
    let i = 0;
    if (this.#state === IN_TOKEN) {
      const end = this.#scan(text, 0);
      if (end < 0) {
        this.#parts.push(text);
        return;
      }
      this.#finishToken(text, 0, end, out);
      i = end;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isWhitespace(c)) {
        i += 1;
        continue;
      }
      switch (this.#state) {
        case BEFORE_DOCUMENT:
          if (c !== OPEN_BRACE)
            throw new JsonScanError(startsOtherValue(c) ? 'not_object' : 'not_json');
          this.#state = KEY_OR_END;
          i += 1;
          break;
        case KEY_OR_END:
        case KEY:
          if (c === CLOSE_BRACE && this.#state === KEY_OR_END) {
            this.#state = AFTER_DOCUMENT;
            i += 1;
          } else if (c === QUOTE) i = this.#readToken(KEY_TOKEN, text, i, out);
          else throw new JsonScanError('invalid');
          break;
        case COLON:
          if (c !== COLON_CHAR) throw new JsonScanError('invalid');
          this.#state = VALUE;
          i += 1;
          break;
        case VALUE:
          if (this.#key !== this.#field) i = this.#readToken(SKIPPED_TOKEN, text, i, out);
          else if (c === OPEN_BRACKET) {
            this.#sawArray = true;
            this.#state = FIRST_ELEMENT;
            i += 1;
          } else throw new JsonScanError('invalid');
          break;
        case AFTER_VALUE:
          if (c === COMMA) this.#state = KEY;
          else if (c === CLOSE_BRACE) this.#state = AFTER_DOCUMENT;
          else throw new JsonScanError('invalid');
          i += 1;
          break;
        case FIRST_ELEMENT:
        case ELEMENT:
          if (c === CLOSE_BRACKET && this.#state === FIRST_ELEMENT) {
            this.#state = AFTER_VALUE;
            i += 1;
          } else i = this.#readToken(ELEMENT_TOKEN, text, i, out);
          break;
        case AFTER_ELEMENT:
          if (c === COMMA) this.#state = ELEMENT;
          else if (c === CLOSE_BRACKET) this.#state = AFTER_VALUE;
          else throw new JsonScanError('invalid');
          i += 1;
          break;
        default:
          // After the document: only whitespace may follow.
          throw new JsonScanError('invalid');
      }
    }
  }

  /** The text has ended: throws unless it held one complete document. */
  end(): void {
    if (this.#state === AFTER_DOCUMENT) return;
    throw new JsonScanError(this.#state === BEFORE_DOCUMENT ? 'not_json' : 'truncated');
  }

  /**
   * Starts a token at `start` (its first character, not whitespace) and reads it to its end if it
   * ends in this piece. Returns where scanning goes on: after the token, or `text.length` when the
   * token continues in the next piece.
   */
  #readToken(kind: number, text: string, start: number, out: unknown[]): number {
    const c = text.charCodeAt(start);
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COMMA || c === COLON_CHAR) {
      throw new JsonScanError('invalid');
    }
    this.#token = kind;
    this.#depth = c === OPEN_BRACE || c === OPEN_BRACKET ? 1 : 0;
    this.#inString = c === QUOTE;
    this.#escaped = false;
    this.#primitive = this.#depth === 0 && !this.#inString;
    const end = this.#scan(text, start + 1);
    if (end < 0) {
      this.#state = IN_TOKEN;
      this.#parts.push(text.slice(start));
      return text.length;
    }
    this.#finishToken(text, start, end, out);
    return end;
  }

  /**
   * Scans the current token from `from`: returns the index just after its end, or -1 when the
   * piece ends first (the scan's state is kept for the next piece). A number, `true`, `false` or
   * `null` ends at the next delimiter; a string at its closing quote; an object or array where
   * the bracket depth returns to 0. Brackets are not matched by kind here: `JSON.parse` is.
   */
  #scan(text: string, from: number): number {
    const n = text.length;
    if (this.#primitive) {
      for (let i = from; i < n; i += 1) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c)) {
          this.#primitive = false;
          return i;
        }
      }
      return -1;
    }
    let depth = this.#depth;
    let inString = this.#inString;
    let i = from;
    if (this.#escaped) {
      // The previous piece ended on the backslash: this character is the escaped one.
      if (i >= n) return -1;
      this.#escaped = false;
      i += 1;
    }
    // Backslashes before `floor` are paired already (or were the escape just skipped).
    const floor = i;
    while (i < n) {
      if (inString) {
        // Jump to the next quote; it closes the string unless an odd run of backslashes precedes it.
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          this.#escaped = trailingBackslashes(text, n, floor) % 2 === 1;
          break;
        }
        i = quote + 1;
        if (trailingBackslashes(text, quote, floor) % 2 === 1) continue;
        inString = false;
        if (depth === 0) return i;
        continue;
      }
      const c = text.charCodeAt(i);
      i += 1;
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth += 1;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth -= 1;
        if (depth === 0) return i;
      }
    }
    this.#depth = depth;
    this.#inString = inString;
    return -1;
  }

  #finishToken(text: string, start: number, end: number, out: unknown[]): void {
    let source = text.slice(start, end);
    if (this.#parts.length > 0) {
      this.#parts.push(source);
      source = this.#parts.join('');
      this.#parts = [];
    }
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      throw new JsonScanError('invalid');
    }
    if (this.#token === KEY_TOKEN) {
      this.#key = value as string;
      this.#state = COLON;
    } else if (this.#token === SKIPPED_TOKEN) this.#state = AFTER_VALUE;
    else {
      out.push(value);
      this.#state = AFTER_ELEMENT;
    }
  }
}

/**
 * How many backslashes come right before `end`, not looking before `floor` (where this piece's
 * scan started outside an escape).
 */
function trailingBackslashes(text: string, end: number, floor: number): number {
  let count = 0;
  for (let j = end - 1; j >= floor && text.charCodeAt(j) === BACKSLASH; j -= 1) count += 1;
  return count;
}
