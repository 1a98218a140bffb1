import { useEffect, useState } from 'react';
import { inviteResponseSchema } from '../../../../src/contracts/learners.ts';
import { programListSchema } from '../../../../src/contracts/programs.ts';
import { request } from '../../api.ts';
import { useAsync } from '../../hooks.ts';
import { ErrorNote, Loading, SelectField } from '../ui.tsx';
import { ActionDialog } from './ActionDialog.tsx';

/** Invites a learner to one program (a separate invite from the platform one). */
export function InviteToProgramDialog({
  open,
  learnerId,
  name,
  joined,
  onClose,
  onDone,
}: {
  open: boolean;
  learnerId: string;
  name: string;
  /** Programs the learner already takes part in, by id. */
  joined: ReadonlySet<string>;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const programs = useAsync(
    () => (open ? request(programListSchema, 'GET', '/api/programs') : Promise.resolve(undefined)),
    [open],
  );
  const items = programs.data?.items ?? [];
  const [programId, setProgramId] = useState('');
  useEffect(() => {
    if (open) setProgramId(items.find((p) => !joined.has(p.id))?.id ?? items[0]?.id ?? '');
  }, [open, programs.data]);
  const program = items.find((p) => p.id === programId);

  return (
    <ActionDialog
      open={open}
      title="Invite to a program"
      confirmLabel="Send invite"
      disabled={!program}
      onClose={onClose}
      onConfirm={async () => {
        if (!program) return;
        const result = await request(
          inviteResponseSchema,
          'POST',
          `/api/learners/${encodeURIComponent(learnerId)}/programs/${encodeURIComponent(program.id)}/invite`,
        );
        onDone(
          result.sent
            ? `${name} is invited to ${program.name}.`
            : `${name} was already invited to ${program.name}: no new invite was sent.`,
        );
      }}
    >
      {programs.loading && !programs.data ? <Loading label="Loading programs…" /> : null}
      <ErrorNote error={programs.error} />
      {programs.data && items.length === 0 ? (
        <p className="muted">There are no programs yet.</p>
      ) : null}
      {items.length > 0 ? (
        <>
          <SelectField
            label="Program"
            value={programId}
            onChange={setProgramId}
            options={items.map((p) => ({
              value: p.id,
              label: joined.has(p.id) ? `${p.name} (already a participant)` : p.name,
            }))}
          />
          <p className="hint">
            {name} gets an invitation to this program. Each person is invited to a program once;
            this does not send the platform invite or give them a membership.
          </p>
        </>
      ) : null}
    </ActionDialog>
  );
}
