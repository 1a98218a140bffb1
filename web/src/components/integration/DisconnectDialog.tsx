import { useState } from 'react';
import type { ConnectionDto } from '../../../../src/contracts/connections.ts';
import { connectionSchema } from '../../../../src/contracts/connections.ts';
import { request } from '../../api.ts';
import { Button, Dialog, ErrorNote } from '../ui.tsx';

/** Disconnecting, confirmed: it says what Rollcall keeps and what it drops before anything happens. */
export function DisconnectDialog({
  open,
  connection,
  onClose,
  onDisconnected,
}: {
  open: boolean;
  connection: ConnectionDto;
  onClose: () => void;
  onDisconnected: (connection: ConnectionDto) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = connection.connectorName;
  const disconnect = async () => {
    setBusy(true);
    setError(null);
    try {
      onDisconnected(
        await request(
          connectionSchema,
          'DELETE',
          `/api/connections/${encodeURIComponent(connection.id)}`,
        ),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      title={`Disconnect ${name}?`}
      onClose={() => {
        setError(null);
        onClose();
      }}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" busy={busy} onClick={() => void disconnect()}>
            Disconnect
          </Button>
        </>
      }
    >
      <p>Rollcall stops syncing with {name}. You can connect an HRIS again at any time.</p>
      <div className="keep-drop">
        <div>
          <h3>Kept</h3>
          <ul className="keep-list">
            <li>Your learners, as they are now (deactivated ones stay deactivated)</li>
            <li>Their history, attendance and reports</li>
            <li>The sync history</li>
          </ul>
        </div>
        <div>
          <h3>Dropped</h3>
          <ul className="drop-list">
            <li>The stored {name} credentials (deleted)</li>
            <li>The nightly sync, Resync and any sync waiting for approval</li>
            <li>
              The &ldquo;invite only people the HRIS knows&rdquo; limit: admins can invite anyone
              again
            </li>
          </ul>
        </div>
      </div>
      <ErrorNote error={error} />
    </Dialog>
  );
}
