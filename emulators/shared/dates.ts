/** Calendar dates as day numbers (days since 1970-01-01, UTC), so generation is plain arithmetic. */

const DAY_MS = 86_400_000;
const cache = new Map<number, string>();

/** "2026-03-01" → day number. Throws on anything that is not a real YYYY-MM-DD date. */
export function toDay(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== iso) {
    throw new Error(`Not a YYYY-MM-DD date: ${iso}`);
  }
  return ms / DAY_MS;
}

/**
 * Day number → "YYYY-MM-DD". Strings are interned, so 200k people hired over a few thousand
 * distinct days share a few thousand strings.
 */
export function fromDay(day: number): string {
  let iso = cache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (cache.size < 100_000) cache.set(day, iso);
  }
  return iso;
}

/** Today's UTC date as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** An ISO 8601 timestamp with a `+00:00` offset and no milliseconds, as BambooHR writes them. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Day number + seconds into that day → ISO timestamp (string-built: hot in generation). */
export function timestampOf(day: number, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor(secondOfDay / 60) % 60;
  const s = secondOfDay % 60;
  return `${fromDay(day)}T${two(h)}:${two(m)}:${two(s)}+00:00`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
