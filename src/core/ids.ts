import { randomBytes } from 'node:crypto';

/**
 * App-generated text ids: a short type prefix, a millisecond timestamp (so ids sort roughly by
 * creation time on every store) and 80 random bits.
 */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const random = randomBytes(10).toString('hex');
  return `${prefix}_${time}${random}`;
}
