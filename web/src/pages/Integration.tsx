import { useEffect, useState } from 'react';
import { catalogueSchema } from '../../../src/contracts/connectors.ts';
import { tenantSchema } from '../../../src/contracts/tenant.ts';
import { request } from '../api.ts';
import { ConnectLinksPanel } from '../components/ConnectLinks.tsx';
import { ConnectionStatus } from '../components/integration/ConnectionStatus.tsx';
import { ConnectorCatalogue } from '../components/integration/ConnectorCatalogue.tsx';
import type { FlyoutStep } from '../components/integration/ConnectorFlyout.tsx';
import { ConnectorFlyout } from '../components/integration/ConnectorFlyout.tsx';
import { useLiveConnection } from '../components/integration/useLiveConnection.ts';
import { ErrorNote, Loading, PageHeader } from '../components/ui.tsx';
import type { CatalogueEntry } from '../components/VerificationPanel.tsx';
import { useAsync } from '../hooks.ts';
import { useSession } from '../session.tsx';

interface FlyoutState {
  connector: CatalogueEntry;
  step: FlyoutStep;
  sandbox: boolean;
  /** A fresh flyout (empty form) each time one opens. */
  key: number;
}

/** Team settings → HRIS integration: the connected HRIS and its status, and the catalogue. */
export function IntegrationPage() {
  const { isAdmin } = useSession();
  const live = useLiveConnection();
  const tenant = useAsync(() => request(tenantSchema, 'GET', '/api/tenant'), []);
  const catalogue = useAsync(
    () =>
      isAdmin ? request(catalogueSchema, 'GET', '/api/connectors') : Promise.resolve({ items: [] }),
    [isAdmin],
  );
  const [flyout, setFlyout] = useState<FlyoutState | null>(null);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // After connecting or disconnecting, the control that had focus is gone: move it to the news.
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, live.connection]);
  const connection = live.connection;
  const connectors = catalogue.data?.items ?? [];
  const connector = connection
    ? connectors.find((c) => c.id === connection.connectorId)
    : undefined;

  return (
    <>
      <PageHeader
        title="HRIS integration"
        subtitle="Your HRIS keeps learners up to date every night: new hires, changes and people who leave."
      />
      <ErrorNote error={live.error} />
      {notice ? (
        <p className="note" role="status" id="integration-notice" tabIndex={-1}>
          {notice}
        </p>
      ) : null}

      {connection === undefined ? (
        live.error ? null : (
          <Loading />
        )
      ) : connection ? (
        <>
          <ConnectionStatus
            connection={connection}
            connector={connector}
            tenant={tenant.data}
            isAdmin={isAdmin}
            onChanged={(next) => {
              if (next === null || next.status === 'disconnected') {
                setNotice(
                  `${connection.connectorName} is disconnected. Your learners and their history are kept.`,
                );
                setFocusId('integration-notice');
              }
              live.show(next);
            }}
            onRefresh={live.refresh}
          />
          {isAdmin ? null : (
            <p className="muted small">Only admins can resync, preview or disconnect the HRIS.</p>
          )}
        </>
      ) : (
        <section className="card integration-intro" aria-labelledby="intro-title">
          <h2 id="intro-title">No HRIS connected</h2>
          {isAdmin ? (
            <ol className="steps">
              <li>Pick your HRIS below to see what Rollcall reads and what it never accesses.</li>
              <li>
                Enter the credentials of a dedicated HRIS user (or send a secure link to your HRIS
                owner), and test the connection.
              </li>
              <li>Connect: the first sync starts right away, then it runs every night.</li>
            </ol>
          ) : (
            <p>An admin of your team can connect your HRIS here.</p>
          )}
        </section>
      )}

      {isAdmin && connection !== undefined ? (
        <ConnectLinksPanel
          key={connection?.id ?? 'none'}
          connectorId={connection?.connectorId ?? null}
        />
      ) : null}

      {isAdmin ? (
        <section className="catalogue-section" aria-labelledby="catalogue-title">
          <h2 id="catalogue-title">{connection ? 'All HRIS connectors' : 'Choose your HRIS'}</h2>
          <ErrorNote error={catalogue.error} />
          {catalogue.loading && !catalogue.data ? (
            <Loading label="Loading the connectors…" />
          ) : null}
          <ConnectorCatalogue
            connectors={connectors}
            live={connection ?? null}
            onOpen={(picked, { sandbox }) => {
              setFlyout((previous) => ({
                connector: picked,
                step: sandbox ? 'connect' : 'details',
                sandbox,
                key: (previous?.key ?? 0) + 1,
              }));
              setOpen(true);
            }}
          />
        </section>
      ) : null}

      {flyout ? (
        <ConnectorFlyout
          key={flyout.key}
          open={open}
          connector={flyout.connector}
          tenant={tenant.data}
          isAdmin={isAdmin}
          live={connection ?? null}
          initialStep={flyout.step}
          initialSandbox={flyout.sandbox}
          onClose={() => setOpen(false)}
          onConnected={(connected) => {
            setOpen(false);
            setNotice(null);
            live.show(connected.connection);
            setFocusId('connected-hris-name');
          }}
        />
      ) : null}
    </>
  );
}
