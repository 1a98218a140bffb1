import { useEffect, useId, useState } from 'react';
import type { z } from 'zod';
import type { ConnectionDto } from '../../../../src/contracts/connections.ts';
import { connectResponseSchema, probeResultSchema } from '../../../../src/contracts/connections.ts';
import type { TenantDto } from '../../../../src/contracts/tenant.ts';
import { request } from '../../api.ts';
import { ConfigForm } from '../ConfigForm.tsx';
import { Badge, Button, Flyout } from '../ui.tsx';
import type { CatalogueEntry } from '../VerificationPanel.tsx';
import { VerificationPanel } from '../VerificationPanel.tsx';
import { configFromValues, configProperties, validateConfig } from './config-schema.ts';
import { ConnectorLogo } from './ConnectorLogo.tsx';
import type { ProbeFailureInfo, ProbeSuccess } from './ProbeReport.tsx';
import { ProbeFailure, ProbeReport, probeFailureOf } from './ProbeReport.tsx';
import { docsUrl, syncedFieldsSentence } from './words.ts';

type ConnectResponse = z.infer<typeof connectResponseSchema>;

export type FlyoutStep = 'details' | 'connect';

/**
 * A connector's details (what is synced, how often, setup instructions, the verification panel)
 * and, for admins, the connect flow: credentials → Test connection → Connect.
 */
export function ConnectorFlyout({
  open,
  connector,
  tenant,
  isAdmin,
  live,
  initialStep,
  initialSandbox,
  onClose,
  onConnected,
}: {
  open: boolean;
  connector: CatalogueEntry;
  tenant: TenantDto | undefined;
  isAdmin: boolean;
  live: ConnectionDto | null;
  initialStep: FlyoutStep;
  initialSandbox: boolean;
  onClose: () => void;
  onConnected: (connected: ConnectResponse) => void;
}) {
  const [step, setStep] = useState<FlyoutStep>(initialStep);
  const [sandbox, setSandbox] = useState(initialSandbox && connector.sandbox);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [probe, setProbe] = useState<ProbeSuccess | null>(null);
  const [failure, setFailure] = useState<ProbeFailureInfo | null>(null);
  const [busy, setBusy] = useState<'test' | 'connect' | null>(null);
  const properties = configProperties(connector.configSchema, connector.secretFields);
  // The answer is below the form: bring it into view, it decides whether to press Connect.
  useEffect(() => {
    if (probe || failure)
      document
        .getElementById(probe ? 'probe-report-title' : 'probe-failure')
        ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [probe, failure]);
  const isThisConnected = live?.connectorId === connector.id;
  const blockedBy = live && !isThisConnected ? live.connectorName : null;

  const body = () => ({
    connectorId: connector.id,
    ...(sandbox ? { sandbox: true } : { config: configFromValues(properties, values) }),
  });

  const changed = () => {
    setProbe(null);
    setFailure(null);
  };

  const test = async () => {
    const problems = sandbox ? {} : validateConfig(properties, values);
    setErrors(problems);
    changed();
    if (Object.keys(problems).length > 0) return;
    setBusy('test');
    try {
      const result = await request(probeResultSchema, 'POST', '/api/connections/probe', body());
      if (result.ok) setProbe(result);
      else setFailure(result.error);
    } catch (error) {
      setFailure(probeFailureOf(error));
    } finally {
      setBusy(null);
    }
  };

  const connect = async () => {
    setBusy('connect');
    setFailure(null);
    try {
      const connected = await request(connectResponseSchema, 'POST', '/api/connections', body());
      setValues({});
      onConnected(connected);
    } catch (error) {
      setProbe(null);
      setFailure(probeFailureOf(error));
    } finally {
      setBusy(null);
    }
  };

  const title = step === 'connect' ? `Connect ${connector.name}` : connector.name;
  const footer =
    step === 'details' ? (
      <>
        <Button onClick={onClose}>Close</Button>
        {isAdmin && !isThisConnected ? (
          <Button
            variant="primary"
            disabled={blockedBy !== null}
            onClick={() => setStep('connect')}
          >
            Connect
          </Button>
        ) : null}
      </>
    ) : (
      <>
        <Button
          onClick={() => {
            changed();
            setStep('details');
          }}
        >
          Back
        </Button>
        <Button busy={busy === 'test'} disabled={busy !== null} onClick={() => void test()}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </Button>
        <Button
          variant="primary"
          busy={busy === 'connect'}
          disabled={probe === null || busy !== null}
          onClick={() => void connect()}
        >
          Connect
        </Button>
      </>
    );

  return (
    <Flyout open={open} title={title} onClose={onClose} footer={footer}>
      {step === 'details' ? (
        <ConnectorDetails
          connector={connector}
          tenant={tenant}
          isThisConnected={isThisConnected}
          blockedBy={blockedBy}
          isAdmin={isAdmin}
        />
      ) : (
        <div className="connect-step">
          <p>
            Rollcall tests the credentials with the same request the nightly sync sends and shows
            what came back. Nothing is stored until you press Connect.
          </p>
          {connector.sandbox ? (
            <SourceChoice
              connector={connector}
              sandbox={sandbox}
              onChange={(next) => {
                setSandbox(next);
                changed();
              }}
            />
          ) : null}
          {sandbox ? (
            <p className="note">
              The sandbox {connector.name} runs on this server with made-up employees: no
              credentials needed. Use it to see how a sync works before connecting your own.
            </p>
          ) : (
            <>
              <p className="small">
                Use a dedicated {connector.name} user with read access to the employee directory,
                former employees included.{' '}
                <a href={docsUrl(connector.docs)} target="_blank" rel="noreferrer">
                  Setup instructions for {connector.name}
                </a>
              </p>
              <ConfigForm
                connector={connector}
                value={values}
                onChange={(next) => {
                  setValues(next);
                  changed();
                }}
                errors={errors}
                disabled={busy !== null}
              />
            </>
          )}
          <div aria-live="polite">
            {busy === 'test' ? (
              <p className="muted">Asking {connector.name} for a sample of the directory…</p>
            ) : null}
            {probe ? (
              <>
                <ProbeReport probe={probe} name={connector.name} />
                <p className="note">
                  Press <strong>Connect</strong> to store the credentials (encrypted) and start the
                  first sync.
                </p>
              </>
            ) : null}
          </div>
          {failure ? <ProbeFailure failure={failure} name={connector.name} /> : null}
        </div>
      )}
    </Flyout>
  );
}

function SourceChoice({
  connector,
  sandbox,
  onChange,
}: {
  connector: CatalogueEntry;
  sandbox: boolean;
  onChange: (sandbox: boolean) => void;
}) {
  const name = useId();
  return (
    <fieldset className="source-choice">
      <legend>Connect to</legend>
      <label className="source-option">
        <input type="radio" name={name} checked={!sandbox} onChange={() => onChange(false)} />
        <span>
          <strong>Your {connector.name} account</strong>
          <span className="hint">With the credentials of a dedicated user.</span>
        </span>
      </label>
      <label className="source-option">
        <input type="radio" name={name} checked={sandbox} onChange={() => onChange(true)} />
        <span>
          <strong>Sandbox {connector.name} on this server</strong>
          <span className="hint">Demo employees, no credentials.</span>
        </span>
      </label>
    </fieldset>
  );
}

function ConnectorDetails({
  connector,
  tenant,
  isThisConnected,
  blockedBy,
  isAdmin,
}: {
  connector: CatalogueEntry;
  tenant: TenantDto | undefined;
  isThisConnected: boolean;
  blockedBy: string | null;
  isAdmin: boolean;
}) {
  const when = tenant
    ? `Every night at ${tenant.settings.nightlySyncTime} (${tenant.timeZone}), plus Resync any time.`
    : 'Every night, plus Resync any time.';
  return (
    <div className="connector-details">
      <div className="connector-details-head">
        <ConnectorLogo id={connector.id} name={connector.name} size="lg" />
        <div>
          <p className="connector-details-name">
            {connector.name}{' '}
            {connector.maturity === 'beta' ? <Badge tone="info">Beta</Badge> : null}
            {isThisConnected ? <Badge tone="good">Connected</Badge> : null}
          </p>
          <p className="muted small">
            Keeps your learners in step with {connector.name}: new people are added, changes are
            applied, and people who leave are deactivated, with their history kept for reports.
          </p>
        </div>
      </div>
      {blockedBy && isAdmin ? (
        <p className="note">
          {blockedBy} is connected. A team has one HRIS at a time: disconnect {blockedBy} first to
          switch.
        </p>
      ) : null}
      {connector.maturity === 'beta' ? (
        <p className="small muted">
          Beta: a newer connector. Use Preview next sync to check what a sync would change before
          relying on it.
        </p>
      ) : null}

      <h3>What is synced</h3>
      <p>{syncedFieldsSentence(connector.providedFields)}.</p>
      <p className="small muted">
        Employment status decides who is active; people who left are deactivated, never deleted.
        Values synced from {connector.name} replace those from a CSV upload.
      </p>

      <h3>How often</h3>
      <p>{when}</p>

      <h3>Before you connect</h3>
      <p>
        Someone with admin rights in {connector.name} creates a dedicated user for Rollcall with
        read access to the employee directory.{' '}
        <a href={docsUrl(connector.docs)} target="_blank" rel="noreferrer">
          Setup instructions for {connector.name}
        </a>{' '}
        <span className="muted small">
          (<code>{connector.docs}</code>)
        </span>
      </p>
      {tenant?.settings.invitePolicy === 'auto' ? (
        <p className="small muted">
          New hires after the first sync get a platform invite (see Settings). The first sync
          invites nobody.
        </p>
      ) : (
        <p className="small muted">
          Connecting invites nobody and changes no program or membership: invites stay yours to
          send. While an HRIS is connected, you can invite only people it knows.
        </p>
      )}

      <VerificationPanel connector={connector} />

      <h3>API usage</h3>
      <p className="small muted">{connector.rateLimit.description}</p>
    </div>
  );
}
