import { z } from 'zod';

/**
 * Zod pieces the connectors' raw-record schemas share. Vendors send ids and codes as strings in
 * one API version and numbers in another; both arrive here as strings.
 */

/**
 * An id as a string: a string as sent, or a number only while it is an exact integer, so a rounded
 * id can never link the wrong person. `message` is the vendor-specific reason a record error shows.
 */
export function exactIdSchema(message: string) {
  return z
    .union([
      z.string(),
      z
        .number()
        .refine(Number.isSafeInteger, message)
        .transform((n) => String(n)),
    ])
    .nullable()
    .optional();
}

/** A text value that some records send as a number (employee numbers, codes): always a string. */
export const looseTextSchema = z
  .union([z.string(), z.number().transform((n) => String(n))])
  .nullable()
  .optional();

/**
 * A config's optional `baseUrl` (an origin; `resolveBaseUrl` checks it against the allowed hosts).
 * Each connector adds its own `.meta({ title, description })` naming its production and sandbox
 * origins.
 */
export const baseUrlSchema = z.string().min(1).optional();
