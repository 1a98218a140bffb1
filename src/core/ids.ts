import { randomFillSync } from 'node:crypto';

/** Random bytes drawn in blocks: one syscall per 409 ids instead of one per id (sync hot path). */
const POOL = Buffer.alloc(4096);
const ID_BYTES = 10;
let offset = POOL.length;

function randomHex(): string {
  if (offset + ID_BYTES > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const hex = POOL.toString('hex', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return hex;
}

/**
 * App-generated text ids: a short type prefix, a millisecond timestamp (so ids sort roughly by
 * creation time on every store) and 80 random bits.
 */
export function newId(prefix: string): string {
  return `${prefix}_${timePart()}${randomHex()}`;
}

let lastMs = -1;
let lastTime = '';

/** The millisecond timestamp in base 36, formatted once per millisecond (bulk paths make many). */
function timePart(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastTime = now.toString(36).padStart(9, '0');
  }
  return lastTime;
}
