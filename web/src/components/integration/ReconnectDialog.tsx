import { useState } from 'react';
import type { ConnectionDto } from '../../../../src/contracts/connections.ts';
import {
  enqueueResponseSchema,
  reconnectResponseSchema,
} from '../../../../src/contracts/connections.ts';
import { request } from '../../api.ts';
import { ConfigForm } from '../ConfigForm.tsx';
import { Button, Dialog } from '../ui.tsx';
import type { CatalogueEntry } from '../VerificationPanel.tsx';
import { configFromValues, configProperties, validateConfig } from './config-schema.ts';
import { ProbeFailure, probeFailureOf } from './ProbeReport.tsx';
import { docsUrl } from './words.ts';

/**
 * New credentials for a connection whose HRIS refused the old ones: the server probes them before
 * storing anything, then a sync runs right away so the admin sees the fix work.
 */
export function ReconnectDialog({
  open,
  connection,
  connector,
  onClose,
  onReconnected,
}: {
  open: boolean;
  connection: ConnectionDto;
  connector: CatalogueEntry | undefined;
  onClose: () => void;
  onReconnected: (connection: ConnectionDto) => void;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const properties = connector
    ? configProperties(connector.configSchema, connector.secretFields)
    : [];

  const reconnect = async () => {
    const problems = connection.sandbox ? {} : validateConfig(properties, values);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await request(
        reconnectResponseSchema,
        'PUT',
        `/api/connections/${encodeURIComponent(connection.id)}/credentials`,
        connection.sandbox ? {} : { config: configFromValues(properties, values) },
      );
      await request(
        enqueueResponseSchema,
        'POST',
        `/api/connections/${encodeURIComponent(connection.id)}/resync`,
      );
      setValues({});
      onReconnected(result.connection);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setValues({});
    setErrors({});
    setFailure(null);
    onClose();
  };

  return (
    <Dialog
      open={open}
      title={`Reconnect ${connection.connectorName}`}
      onClose={close}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={!connector && !connection.sandbox}
            onClick={() => void reconnect()}
          >
            {busy ? 'Testing…' : 'Test and reconnect'}
          </Button>
        </>
      }
    >
      {connection.sandbox ? (
        <p>The sandbox needs no credentials: Rollcall tests it again and resumes syncing.</p>
      ) : connector ? (
        <>
          <p>
            Enter working credentials for {connector.name}. Rollcall tests them before storing
            anything; your learners stay as they are.{' '}
            <a href={docsUrl(connector.docs)} target="_blank" rel="noreferrer">
              Setup instructions for {connector.name}
            </a>
          </p>
          <ConfigForm
            connector={connector}
            value={values}
            onChange={setValues}
            errors={errors}
            disabled={busy}
          />
        </>
      ) : (
        <p className="muted">Loading the {connection.connectorName} form…</p>
      )}
      {failure ? (
        <ProbeFailure failure={probeFailureOf(failure)} name={connection.connectorName} />
      ) : null}
    </Dialog>
  );
}
