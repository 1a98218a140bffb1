import type { ReactNode } from 'react';
import { useState } from 'react';
import { ApiError } from '../../api.ts';
import { Button, Dialog, ErrorNote } from '../ui.tsx';
import { unknownToHrisReason } from './labels.ts';

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * An API refusal as an admin can act on it. UNKNOWN_TO_HRIS gets its own wording: with an HRIS
 * connected, only the people it lists as active or pending can be invited.
 */
export function ActionError({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.code === 'UNKNOWN_TO_HRIS') {
    const reason = unknownToHrisReason(error.details);
    return (
      <div className="error-note" role="alert">
        <p className="error-title">An HRIS is connected and does not know this person:</p>
        {reason ? <p>{sentence(reason)}</p> : null}
        <p>
          Only people your HRIS lists as active or pending can be invited. Add or fix them in the
          HRIS, then resync under Team settings → HRIS integration.
        </p>
      </div>
    );
  }
  if (error instanceof ApiError && error.code === 'LEARNER_DEACTIVATED') {
    return (
      <p className="error-note" role="alert">
        This learner is deactivated: reactivate them first.
      </p>
    );
  }
  return <ErrorNote error={error} />;
}

/** A confirmation dialog for one learner action: says what will happen, runs it, shows refusals. */
export function ActionDialog({
  open,
  title,
  confirmLabel,
  danger = false,
  disabled = false,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  disabled?: boolean;
  /** Runs the action; the dialog closes when it resolves and shows the error when it rejects. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button
            variant={danger ? 'danger' : 'primary'}
            busy={busy}
            disabled={disabled}
            onClick={() => {
              setBusy(true);
              setError(null);
              onConfirm()
                .then(close)
                .catch((e: unknown) => setError(e))
                .finally(() => setBusy(false));
            }}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      <ActionError error={error} />
    </Dialog>
  );
}
