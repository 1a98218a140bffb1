import type { z } from 'zod';
import type { catalogueEntrySchema } from '../../../src/contracts/connectors.ts';

export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

/** What Rollcall reads from this HRIS and what it never accesses (the connector declaration). */
export function VerificationPanel({ connector }: { connector: CatalogueEntry }) {
  return <section aria-label={`What Rollcall reads from ${connector.name}`} />;
}
