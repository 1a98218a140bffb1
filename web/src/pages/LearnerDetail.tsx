import { useId, useState } from 'react';
import type { LearnerDetail } from '../../../src/contracts/learners.ts';
import {
  deactivateResponseSchema,
  inviteResponseSchema,
  learnerDetailSchema,
  learnerHistorySchema,
  membershipResponseSchema,
  reactivateResponseSchema,
} from '../../../src/contracts/learners.ts';
import { ApiError, request } from '../api.ts';
import { ActionDialog } from '../components/learners/ActionDialog.tsx';
import { InviteToProgramDialog } from '../components/learners/InviteToProgramDialog.tsx';
import { LearnerHistoryList } from '../components/learners/LearnerHistory.tsx';
import {
  ProfileTable,
  ProgramsAndClasses,
  StatusCard,
} from '../components/learners/LearnerSections.tsx';
import { displayName } from '../components/learners/labels.ts';
import { Button, ErrorNote, Loading, Menu, PageHeader } from '../components/ui.tsx';
import { useAsync } from '../hooks.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';

type Action = 'program' | 'platform' | 'deactivate' | 'reactivate' | 'membership' | 'endMembership';

const HISTORY_PAGE = 50;

export function LearnerDetailPage({ id }: { id: string }) {
  const { isAdmin } = useSession();
  const path = `/api/learners/${encodeURIComponent(id)}`;
  const detail = useAsync(() => request(learnerDetailSchema, 'GET', path), [path]);
  const [historyLimit, setHistoryLimit] = useState(HISTORY_PAGE);
  const history = useAsync(
    () => request(learnerHistorySchema, 'GET', `${path}/history?limit=${historyLimit}`),
    [path, historyLimit],
  );
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = (message: string) => {
    setNotice(message);
    detail.reload();
    history.reload();
  };

  if (!detail.data) {
    return (
      <>
        <BackLink />
        {detail.loading ? (
          <Loading label="Loading learner…" />
        ) : detail.error instanceof ApiError && detail.error.code === 'NOT_FOUND' ? (
          <div className="card empty-panel">
            <h1>Learner not found</h1>
            <p className="muted">They may belong to another team, or the link is wrong.</p>
          </div>
        ) : (
          <ErrorNote error={detail.error} />
        )}
      </>
    );
  }

  const data = detail.data;
  const learner = data.learner;
  const name = displayName(learner);
  const deactivated = learner.status === 'deactivated';
  const subtitle = [learner.jobTitle, learner.department, learner.workEmail]
    .filter(Boolean)
    .join(' · ');

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <span className="learner-title">
            {name}
            {deactivated ? <span className="tag-deactivated">Deactivated</span> : null}
          </span>
        }
        subtitle={subtitle || undefined}
        actions={isAdmin ? <AdminActions detail={data} onAction={setAction} /> : null}
      />
      {notice ? (
        <p className="success-note" role="status">
          {notice}
        </p>
      ) : null}
      <div className="learner-layout">
        <div className="learner-main">
          <section className="card" aria-labelledby="learner-profile-title">
            <h2 id="learner-profile-title">Profile</h2>
            <p className="hint profile-hint">
              Where each value came from. With an HRIS connected, its nightly sync overrides the
              fields it owns, including values from a CSV upload.
            </p>
            <ProfileTable detail={data} />
          </section>
          <ProgramsAndClasses detail={data} now={new Date().toISOString()} />
          <section className="card" aria-labelledby="learner-timeline-title">
            <h2 id="learner-timeline-title">History</h2>
            <LearnerHistoryList
              history={history.data}
              error={history.error}
              loading={history.loading}
              onMore={() => setHistoryLimit((n) => Math.min(500, n + HISTORY_PAGE))}
            />
          </section>
        </div>
        <aside className="learner-aside">
          <StatusCard detail={data} />
        </aside>
      </div>
      {isAdmin ? (
        <LearnerActionDialogs
          detail={data}
          action={action}
          onClose={() => setAction(null)}
          onDone={refresh}
        />
      ) : null}
    </>
  );
}

function BackLink() {
  return (
    <p className="back-link">
      <Link to="/learners">← All learners</Link>
    </p>
  );
}

function AdminActions({
  detail,
  onAction,
}: {
  detail: LearnerDetail;
  onAction: (action: Action) => void;
}) {
  const { learner, membership } = detail;
  if (learner.status === 'deactivated') {
    return (
      <Button variant="primary" onClick={() => onAction('reactivate')}>
        Reactivate
      </Button>
    );
  }
  return (
    <>
      <Button variant="primary" onClick={() => onAction('program')}>
        Invite to program
      </Button>
      <Button onClick={() => onAction('platform')} disabled={learner.invitedAt !== null}>
        {learner.invitedAt ? 'Platform invite sent' : 'Send platform invite'}
      </Button>
      <Menu
        label="More actions"
        items={[
          membership?.status === 'active'
            ? { label: 'End membership', onSelect: () => onAction('endMembership') }
            : { label: 'Activate membership', onSelect: () => onAction('membership') },
          { label: 'Deactivate', danger: true, onSelect: () => onAction('deactivate') },
        ]}
      />
    </>
  );
}

function LearnerActionDialogs({
  detail,
  action,
  onClose,
  onDone,
}: {
  detail: LearnerDetail;
  action: Action | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const learner = detail.learner;
  const name = displayName(learner);
  const path = `/api/learners/${encodeURIComponent(learner.id)}`;
  return (
    <>
      <InviteToProgramDialog
        open={action === 'program'}
        learnerId={learner.id}
        name={name}
        joined={new Set(detail.programs.map((p) => p.programId))}
        onClose={onClose}
        onDone={onDone}
      />
      <ActionDialog
        open={action === 'platform'}
        title="Send the platform invite"
        confirmLabel="Send invite"
        onClose={onClose}
        onConfirm={async () => {
          const result = await request(inviteResponseSchema, 'POST', `${path}/invite`);
          onDone(
            result.sent
              ? `The platform invite is on its way to ${name}.`
              : `${name} already had the platform invite: no new one was sent.`,
          );
        }}
      >
        <p>
          {name} gets an invitation to the learning platform
          {learner.workEmail ? ` at ${learner.workEmail}` : ''}. Each person gets it once.
        </p>
      </ActionDialog>
      <ActionDialog
        open={action === 'deactivate'}
        title={`Deactivate ${name}?`}
        confirmLabel="Deactivate"
        danger
        onClose={() => {
          setReason('');
          onClose();
        }}
        onConfirm={async () => {
          const trimmed = reason.trim();
          await request(
            deactivateResponseSchema,
            'POST',
            `${path}/deactivate`,
            trimmed ? { reason: trimmed } : {},
          );
          setReason('');
          onDone(`${name} is deactivated.`);
        }}
      >
        <p>This will:</p>
        <ul className="effects-list">
          <li>revoke their platform access;</li>
          <li>end their membership;</li>
          <li>take them off upcoming classes (past attendance stays in reports);</li>
          <li>remove them from every program’s “learners to follow up”.</li>
        </ul>
        <div className="field">
          <label htmlFor={reasonId}>Reason (optional)</label>
          <input
            id={reasonId}
            value={reason}
            maxLength={200}
            placeholder="For example: left the company"
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        {learner.connectionId ? (
          <p className="hint">
            They come from your HRIS: the sync leaves them deactivated even while the HRIS lists
            them as active.
          </p>
        ) : null}
      </ActionDialog>
      <ActionDialog
        open={action === 'reactivate'}
        title={`Reactivate ${name}?`}
        confirmLabel="Reactivate"
        onClose={onClose}
        onConfirm={async () => {
          const result = await request(reactivateResponseSchema, 'POST', `${path}/reactivate`);
          onDone(
            result.effects.membershipRestored
              ? `${name} is active again, with their membership restored.`
              : `${name} is active again.`,
          );
        }}
      >
        <p>
          Their platform access comes back, and a membership that the deactivation ended is
          restored.
        </p>
        <p className="warn-note small">
          Past enrollments are not restored: invite them to programs and classes again.
        </p>
      </ActionDialog>
      <ActionDialog
        open={action === 'membership'}
        title="Activate membership"
        confirmLabel="Activate membership"
        onClose={onClose}
        onConfirm={async () => {
          await request(membershipResponseSchema, 'POST', `${path}/membership`);
          onDone(`${name} has a membership.`);
        }}
      >
        <p>
          A membership is a paid seat and counts towards your contract. The HRIS sync never
          activates one.
        </p>
      </ActionDialog>
      <ActionDialog
        open={action === 'endMembership'}
        title="End membership"
        confirmLabel="End membership"
        danger
        onClose={onClose}
        onConfirm={async () => {
          await request(membershipResponseSchema, 'DELETE', `${path}/membership`, {});
          onDone(`${name}’s membership has ended.`);
        }}
      >
        <p>{name} keeps platform access and their history; the paid seat is freed.</p>
      </ActionDialog>
    </>
  );
}
