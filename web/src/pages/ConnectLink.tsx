import type { ReactNode } from 'react';
import { useState } from 'react';
import type { z } from 'zod';
import {
  linkConnectResponseSchema,
  openConnectLinkSchema,
} from '../../../src/contracts/connect-links.ts';
import { probeResultSchema } from '../../../src/contracts/connections.ts';
import { ApiError, messageOf, request } from '../api.ts';
import { ConfigForm } from '../components/ConfigForm.tsx';
import {
  configFromValues,
  configProperties,
  validateConfig,
} from '../components/integration/config-schema.ts';
import type { ProbeFailureInfo, ProbeSuccess } from '../components/integration/ProbeReport.tsx';
import {
  ProbeFailure,
  ProbeReport,
  probeFailureOf,
} from '../components/integration/ProbeReport.tsx';
import { Button, ErrorNote, Field, Loading, formatTime } from '../components/ui.tsx';
import { VerificationPanel } from '../components/VerificationPanel.tsx';
import { useAsync } from '../hooks.ts';

type Connected = z.output<typeof linkConnectResponseSchema>;

function Frame({ children }: { children: ReactNode }) {
  return (
    <div className="connect-page">
      <div className="brand brand-large">
        <span className="brand-mark" aria-hidden="true">
          R
        </span>
        <span>Rollcall</span>
      </div>
      <main id="main" className="connect-main">
        {children}
      </main>
    </div>
  );
}

/** Errors that mean the link itself is spent, not that something went wrong with the HRIS. */
const LINK_GONE = new Set(['NOT_FOUND', 'LINK_EXPIRED', 'LINK_USED', 'LINK_REVOKED']);

function LinkGone({ error }: { error: unknown }) {
  return (
    <Frame>
      <section className="card connect-card" aria-labelledby="link-gone-title">
        <h1 id="link-gone-title">This link cannot be used</h1>
        <p>{messageOf(error)}</p>
        <p className="muted">
          Each link connects once and expires. Your Rollcall admin can send you a new one.
        </p>
      </section>
    </Frame>
  );
}

/**
 * The public page a secure connect link opens (no console account): the company and the HRIS, what
 * Rollcall reads and never accesses, the credentials, a live test, then Connect, once.
 */
export function ConnectLinkPage({ token }: { token: string }) {
  const path = `/api/connect-links/by-token/${encodeURIComponent(token)}`;
  const link = useAsync(() => request(openConnectLinkSchema, 'GET', path), [path]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [probe, setProbe] = useState<ProbeSuccess | null>(null);
  const [failure, setFailure] = useState<ProbeFailureInfo | null>(null);
  const [busy, setBusy] = useState<'test' | 'connect' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Connected | null>(null);

  if (link.loading && !link.data) {
    return (
      <Frame>
        <Loading />
      </Frame>
    );
  }
  if (!link.data) return <LinkGone error={link.error} />;
  if (error instanceof ApiError && LINK_GONE.has(error.code)) return <LinkGone error={error} />;
  const { tenantName, connector, sandbox, expiresAt } = link.data;

  if (done) {
    return (
      <Frame>
        <section className="card connect-card connect-done" aria-labelledby="connected-title">
          <p className="connect-check" aria-hidden="true">
            ✓
          </p>
          <h1 id="connected-title">{done.connectorName} is connected</h1>
          <p>
            Rollcall now keeps the learners of <strong>{tenantName}</strong> in step with{' '}
            {connector.name}. The first sync has started; it can take a few minutes for a large
            company. Your Rollcall admin sees that you connected it.
          </p>
          <p className="muted">You can close this page. The link cannot be used again.</p>
        </section>
      </Frame>
    );
  }

  const properties = configProperties(connector.configSchema, connector.secretFields);
  const body = () => (sandbox ? {} : { config: configFromValues(properties, values) });
  const changed = () => {
    setProbe(null);
    setFailure(null);
  };
  const test = async () => {
    const problems = sandbox ? {} : validateConfig(properties, values);
    setErrors(problems);
    changed();
    setError(null);
    if (Object.keys(problems).length > 0) return;
    setBusy('test');
    try {
      const result = await request(probeResultSchema, 'POST', `${path}/probe`, body());
      if (result.ok) setProbe(result);
      else setFailure(result.error);
    } catch (e) {
      if (e instanceof ApiError && LINK_GONE.has(e.code)) setError(e);
      else setFailure(probeFailureOf(e));
    } finally {
      setBusy(null);
    }
  };
  const connect = async () => {
    setBusy('connect');
    setError(null);
    try {
      setDone(
        await request(linkConnectResponseSchema, 'POST', `${path}/connect`, {
          ...body(),
          name,
          email,
        }),
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'HRIS_PROBE_FAILED') {
        setProbe(null);
        setFailure(probeFailureOf(e));
      } else setError(e);
    } finally {
      setBusy(null);
    }
  };
  const canConnect = probe !== null && name.trim() !== '' && email.trim() !== '';

  return (
    <Frame>
      <header className="connect-head">
        <h1>
          Connect {connector.name} to Rollcall for {tenantName}
        </h1>
        <p className="subtitle">
          Your Rollcall admin asked you to connect {connector.name}, so that the learners of{' '}
          {tenantName} follow the HRIS: new hires arrive, and people who leave are deactivated. This
          link works once, until {formatTime(expiresAt)}.
        </p>
      </header>

      <div className="connect-verification">
        <VerificationPanel connector={connector} headingLevel={2} />
      </div>

      <form
        className="card connect-card"
        aria-label={`Connect ${connector.name}`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (canConnect) void connect();
        }}
      >
        <h2>{sandbox ? `Sandbox ${connector.name}` : `${connector.name} credentials`}</h2>
        {sandbox ? (
          <p className="note">
            This link connects the sandbox {connector.name} that runs with this Rollcall server, a
            demo company: no credentials are needed.
          </p>
        ) : (
          <>
            <p className="muted small">
              Use a dedicated {connector.name} user that can read the fields above. Rollcall stores
              the credentials encrypted and never shows them again.{' '}
              <a href={connector.docs} target="_blank" rel="noreferrer">
                How to create them
              </a>
            </p>
            <ConfigForm
              connector={connector}
              value={values}
              errors={errors}
              disabled={busy !== null}
              onChange={(next) => {
                setValues(next);
                changed();
              }}
            />
          </>
        )}
        <div className="row">
          <Button onClick={() => void test()} busy={busy === 'test'} disabled={busy !== null}>
            Test connection
          </Button>
        </div>
        {probe ? <ProbeReport probe={probe} name={connector.name} /> : null}
        {failure ? <ProbeFailure failure={failure} name={connector.name} /> : null}

        <h2 className="connect-you">You</h2>
        <p className="muted small">
          Your Rollcall admin sees who connected {connector.name}, and when.
        </p>
        <div className="connect-owner">
          <Field
            label="Your name"
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <Field
            label="Your work email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <ErrorNote error={error} />
        <div className="row">
          <Button
            type="submit"
            variant="primary"
            busy={busy === 'connect'}
            disabled={!canConnect || busy !== null}
          >
            Connect {connector.name}
          </Button>
          {probe ? null : <span className="muted small">Test the connection first.</span>}
        </div>
      </form>
    </Frame>
  );
}
