import { useState } from 'react';
import type { ConnectLinkDto } from '../../../src/contracts/connect-links.ts';
import {
  DEFAULT_LINK_DAYS,
  connectLinkListSchema,
  connectLinkSchema,
  createConnectLinkResponseSchema,
} from '../../../src/contracts/connect-links.ts';
import { connectionListSchema } from '../../../src/contracts/connections.ts';
import { catalogueSchema } from '../../../src/contracts/connectors.ts';
import { messageOf, request } from '../api.ts';
import { useAsync } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { Badge, Button, Dialog, ErrorNote, Loading, SelectField, formatTime } from './ui.tsx';

const STATUS: Record<
  ConnectLinkDto['status'],
  { label: string; tone: 'neutral' | 'good' | 'info' | 'bad' }
> = {
  pending: { label: 'Waiting', tone: 'info' },
  used: { label: 'Connected', tone: 'good' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'bad' },
};

const EXPIRY_OPTIONS = [1, 3, 7, 14, 30].map((days) => ({
  value: String(days),
  label: days === 1 ? '1 day' : `${days} days`,
}));

/** The created link, shown once with a copy button: Rollcall keeps only its hash. */
function CreatedLink({ url, onDismiss }: { url: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const full = new URL(url, window.location.origin).toString();
  return (
    <div className="note connect-link-created" role="status">
      <p>
        <strong>Send this link to the person who owns your HRIS.</strong> It is shown only now.
      </p>
      <div className="row">
        <label className="sr-only" htmlFor="connect-link-url">
          Connect link
        </label>
        <input
          id="connect-link-url"
          className="connect-link-url"
          readOnly
          value={full}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button
          onClick={() => {
            navigator.clipboard.writeText(full).then(
              () => setCopied('yes'),
              () => setCopied('no'),
            );
          }}
        >
          {copied === 'yes' ? 'Copied' : 'Copy link'}
        </Button>
        <Button variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
      {copied === 'no' ? (
        <p className="small">The browser refused to copy: select the link and copy it by hand.</p>
      ) : null}
    </div>
  );
}

function WhoConnected({ link }: { link: ConnectLinkDto }) {
  if (link.status === 'used') {
    return (
      <>
        {link.usedByName} <span className="muted">({link.usedByEmail})</span>
        <br />
        <span className="muted small">{formatTime(link.usedAt)}</span>
      </>
    );
  }
  if (link.status === 'revoked') {
    return <span className="muted small">Revoked {formatTime(link.revokedAt)}</span>;
  }
  return (
    <span className="muted small">
      {link.status === 'expired' ? 'Expired' : 'Expires'} {formatTime(link.expiresAt)}
    </span>
  );
}

/**
 * Secure connect links, for admins: send a single-use link to the HRIS owner (who needs no console
 * account), see who connected and when, revoke a link that is still waiting.
 */
export function ConnectLinksPanel({ connectorId }: { connectorId: string | null }) {
  const { isAdmin } = useSession();
  const links = useAsync(
    () =>
      isAdmin
        ? request(connectLinkListSchema, 'GET', '/api/connect-links')
        : Promise.resolve({ items: [] }),
    [isAdmin],
  );
  const catalogue = useAsync(
    () =>
      isAdmin ? request(catalogueSchema, 'GET', '/api/connectors') : Promise.resolve({ items: [] }),
    [isAdmin],
  );
  const connections = useAsync(
    () =>
      isAdmin
        ? request(connectionListSchema, 'GET', '/api/connections')
        : Promise.resolve({ items: [] }),
    [isAdmin, links.data],
  );
  const [picked, setPicked] = useState<string | null>(null);
  const [days, setDays] = useState(String(DEFAULT_LINK_DAYS));
  const [sandbox, setSandbox] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ConnectLinkDto | null>(null);

  if (!isAdmin) return null;
  const connectors = catalogue.data?.items ?? [];
  const chosenId = picked ?? connectorId ?? connectors[0]?.id ?? null;
  const connector = connectors.find((c) => c.id === chosenId);
  const name = connector?.name ?? 'your HRIS';
  const live = connections.data?.items.find((c) => c.status !== 'disconnected');

  const create = () => {
    if (!chosenId) return;
    setBusy(true);
    setError(null);
    request(createConnectLinkResponseSchema, 'POST', '/api/connect-links', {
      connectorId: chosenId,
      expiresInDays: Number(days),
      sandbox: sandbox && connector?.sandbox === true,
    })
      .then((answer) => {
        setCreated(answer.url);
        links.reload();
      })
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };
  const revoke = (link: ConnectLinkDto) => {
    setBusy(true);
    setError(null);
    request(connectLinkSchema, 'DELETE', `/api/connect-links/${encodeURIComponent(link.id)}`)
      .then(() => links.reload())
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => {
        setBusy(false);
        setRevoking(null);
      });
  };

  return (
    <section className="card connect-links" aria-labelledby="connect-links-title">
      <h2 id="connect-links-title">Secure connect link</h2>
      <p className="muted">
        Someone else holds the HRIS credentials? Send them a single-use link. They see what Rollcall
        reads and never accesses, enter the credentials and connect, without a Rollcall account.
      </p>
      {live ? (
        <p className="small">
          {live.connectorName} is connected. A link connects an HRIS when none is: disconnect first
          to send one.
        </p>
      ) : connectors.length > 0 ? (
        <div className="row connect-links-create">
          <SelectField
            label="HRIS"
            value={chosenId ?? ''}
            options={connectors.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(id) => {
              setPicked(id);
              setSandbox(false);
            }}
          />
          <SelectField
            label="Link expires after"
            value={days}
            options={EXPIRY_OPTIONS}
            onChange={setDays}
          />
          {connector?.sandbox ? (
            <label className="connect-links-sandbox">
              <input
                type="checkbox"
                checked={sandbox}
                onChange={(e) => setSandbox(e.target.checked)}
              />{' '}
              Connect the sandbox {connector.name} (demo, no credentials)
            </label>
          ) : null}
          <Button variant="primary" busy={busy} onClick={create}>
            Create link for {name}
          </Button>
        </div>
      ) : null}
      {created ? <CreatedLink url={created} onDismiss={() => setCreated(null)} /> : null}
      <ErrorNote error={error ?? links.error} />
      {links.loading && !links.data ? <Loading /> : null}
      {links.data && links.data.items.length > 0 ? (
        <table className="connect-links-table">
          <caption className="sr-only">Connect links</caption>
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">HRIS</th>
              <th scope="col">Status</th>
              <th scope="col">Connected by</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.data.items.map((link) => (
              <tr key={link.id}>
                <td>
                  {formatTime(link.createdAt)}
                  {link.createdByEmail ? (
                    <>
                      <br />
                      <span className="muted small">by {link.createdByEmail}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {link.connectorName}
                  {link.sandbox ? (
                    <>
                      {' '}
                      <Badge>Sandbox</Badge>
                    </>
                  ) : null}
                </td>
                <td>
                  <Badge tone={STATUS[link.status].tone}>{STATUS[link.status].label}</Badge>
                </td>
                <td>
                  <WhoConnected link={link} />
                </td>
                <td>
                  {link.status === 'pending' ? (
                    <Button variant="ghost" disabled={busy} onClick={() => setRevoking(link)}>
                      Revoke
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Dialog
        open={revoking !== null}
        title="Revoke this link?"
        onClose={() => setRevoking(null)}
        footer={
          <>
            <Button onClick={() => setRevoking(null)}>Keep it</Button>
            <Button
              variant="danger"
              busy={busy}
              onClick={() => {
                if (revoking) revoke(revoking);
              }}
            >
              Revoke link
            </Button>
          </>
        }
      >
        <p>
          The link stops working at once. Whoever holds it sees that it was revoked; you can send a
          new one.
        </p>
      </Dialog>
    </section>
  );
}
