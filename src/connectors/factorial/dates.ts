import { cleanText } from '../../core/employee.ts';

/** A real calendar date in `YYYY-MM-DD` (a timestamp's date part is not accepted), else null. */
export function parseIsoDate(value: string | null | undefined): string | null {
  const text = cleanText(value);
  if (text === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? text : null;
}
