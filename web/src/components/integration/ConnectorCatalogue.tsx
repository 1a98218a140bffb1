import type { ConnectionDto } from '../../../../src/contracts/connections.ts';
import { Badge } from '../ui.tsx';
import type { CatalogueEntry } from '../VerificationPanel.tsx';
import { ConnectorLogo } from './ConnectorLogo.tsx';

/** Every connector as a tile; a tile opens its flyout, "Sandbox <name>" goes straight to connect. */
export function ConnectorCatalogue({
  connectors,
  live,
  onOpen,
}: {
  connectors: readonly CatalogueEntry[];
  live: ConnectionDto | null;
  onOpen: (connector: CatalogueEntry, options: { sandbox: boolean }) => void;
}) {
  return (
    <ul className="catalogue" aria-label="HRIS connectors">
      {connectors.map((connector) => {
        const connected = live?.connectorId === connector.id;
        return (
          <li
            key={connector.id}
            className={connected ? 'connector-card connected' : 'connector-card'}
          >
            <button
              type="button"
              className="connector-tile"
              onClick={() => onOpen(connector, { sandbox: false })}
            >
              <ConnectorLogo id={connector.id} name={connector.name} />
              <span className="connector-tile-text">
                <span className="connector-tile-name">{connector.name}</span>
                <span className="connector-tile-badges">
                  {connector.maturity === 'beta' ? <Badge tone="info">Beta</Badge> : null}
                  {connected ? <Badge tone="good">Connected</Badge> : null}
                </span>
              </span>
            </button>
            {connector.sandbox && !live ? (
              <button
                type="button"
                className="connector-sandbox"
                onClick={() => onOpen(connector, { sandbox: true })}
              >
                Sandbox {connector.name}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
