import type { z } from 'zod';
import type { catalogueEntrySchema } from '../../../src/contracts/connectors.ts';
import { NEVER_ACCESSED_WORDS } from './integration/words.ts';

export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

/** What Rollcall reads from this HRIS and what it never accesses (the connector declaration). */
export function VerificationPanel({
  connector,
  headingLevel = 3,
}: {
  connector: CatalogueEntry;
  /** The level of the panel's headings, to fit the page around it. */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="verification" aria-label={`What Rollcall reads from ${connector.name}`}>
      <div className="verification-col">
        <Heading className="verification-title">
          <span className="verification-icon verification-icon-read" aria-hidden="true">
            ✓
          </span>
          Fields Rollcall reads
        </Heading>
        <p className="hint">
          {connector.fieldSelection === 'parse'
            ? `${connector.name}'s API has no field selection and sends whole records: Rollcall reads only these fields while parsing and drops everything else before anything is stored or logged.`
            : `The exact ${connector.name} field ids in Rollcall's request: nothing else is asked for.`}
        </p>
        <ul className="field-ids" aria-label={`${connector.name} fields Rollcall reads`}>
          {connector.requestedFields.map((field) => (
            <li key={field}>
              <code>{field}</code>
            </li>
          ))}
        </ul>
        {connector.allowedHosts.length > 0 ? (
          <p className="hint">
            Connects only to{' '}
            {connector.allowedHosts.map((host, i) => (
              <span key={host}>
                {i > 0 ? ', ' : null}
                <code>{host}</code>
              </span>
            ))}
            .
          </p>
        ) : null}
      </div>
      <div className="verification-col">
        <Heading className="verification-title">
          <span className="verification-icon verification-icon-never" aria-hidden="true">
            ✕
          </span>
          Never accessed
        </Heading>
        <p className="hint">Rollcall never requests, stores or logs these categories.</p>
        <ul className="never-list" aria-label="Categories Rollcall never accesses">
          {connector.neverAccessed.map((category) => (
            <li key={category}>
              {NEVER_ACCESSED_WORDS[category] ?? category.replaceAll('_', ' ')}
            </li>
          ))}
        </ul>
        {connector.deniedFields.length > 0 ? (
          <details className="denied-fields">
            <summary>
              {connector.deniedFields.length} {connector.name} fields it is built never to ask for
            </summary>
            <ul className="field-ids">
              {connector.deniedFields.map((field) => (
                <li key={field}>
                  <code>{field}</code>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </section>
  );
}
