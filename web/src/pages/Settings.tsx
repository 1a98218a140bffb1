import type { ReactNode } from 'react';
import { useEffect, useId, useMemo, useState } from 'react';
import { validationIssueSchema } from '../../../src/contracts/common.ts';
import type { TenantDto } from '../../../src/contracts/tenant.ts';
import { tenantSchema } from '../../../src/contracts/tenant.ts';
import { ApiError, request } from '../api.ts';
import type { Draft } from '../components/settings/draft.ts';
import {
  issueMessages,
  localErrors,
  timeZones,
  toDraft,
  toPatch,
} from '../components/settings/draft.ts';
import { FilterRules } from '../components/settings/FilterRules.tsx';
import { Button, ErrorNote, Field, Loading, PageHeader } from '../components/ui.tsx';
import { useAsync } from '../hooks.ts';
import { useSession } from '../session.tsx';

export function SettingsPage() {
  const tenant = useAsync(() => request(tenantSchema, 'GET', '/api/tenant'), []);
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="How the HRIS sync treats new hires, rehires and leavers, and when it runs."
      />
      {tenant.data ? (
        <SettingsForm tenant={tenant.data} onSaved={tenant.reload} />
      ) : tenant.loading ? (
        <Loading label="Loading settings…" />
      ) : (
        <ErrorNote error={tenant.error} />
      )}
    </>
  );
}

function SettingsForm({ tenant, onSaved }: { tenant: TenantDto; onSaved: () => void }) {
  const { isAdmin, refresh } = useSession();
  const readOnly = !isAdmin;
  const [draft, setDraft] = useState(() => toDraft(tenant));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const zonesId = useId();
  const zones = useMemo(() => timeZones(tenant.timeZone), [tenant.timeZone]);
  useEffect(() => setDraft(toDraft(tenant)), [tenant]);
  const patch = toPatch(draft, tenant);
  const dirty = Object.keys(patch).length > 0;
  const set = (change: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setSaved(false);
  };
  const ruleErrors = (kind: 'include' | 'exclude') =>
    new Map(
      [...errors].flatMap(([key, message]) => {
        const [k, index] = key.split('.');
        return k === kind ? [[Number(index), message] as const] : [];
      }),
    );

  const save = async () => {
    setFailure(null);
    setSaved(false);
    const local = localErrors(draft);
    setErrors(local);
    if (local.size > 0) return;
    setBusy(true);
    try {
      const before = tenant.name;
      await request(tenantSchema, 'PATCH', '/api/tenant', patch);
      setSaved(true);
      onSaved();
      if (patch.name !== undefined && patch.name !== before) await refresh();
    } catch (e) {
      const issues =
        e instanceof ApiError && e.code === 'VALIDATION_FAILED'
          ? validationIssueSchema
              .array()
              .safeParse((e.details as { issues?: unknown } | undefined)?.issues)
          : null;
      if (issues?.success && issues.data.length > 0) {
        setErrors(issueMessages(issues.data));
        setFailure('Some settings need a fix: see the highlighted fields.');
      } else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="settings-form"
      noValidate
      aria-label="Settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {readOnly ? (
        <p className="note">Only admins can change these settings. You can see how they are set.</p>
      ) : null}
      <Section title="Team">
        <Field
          label="Team name"
          value={draft.name}
          readOnly={readOnly}
          onChange={(e) => set({ name: e.target.value })}
          {...optionalError(errors.get('name'))}
        />
      </Section>
      <Section
        title="Invites"
        intro="Connecting an HRIS never invites anyone by itself. Choose whether people who join later are invited."
      >
        <Choices
          legend="Invite policy"
          name="invitePolicy"
          value={draft.invitePolicy}
          disabled={readOnly}
          onChange={(invitePolicy) => set({ invitePolicy })}
          options={[
            {
              value: 'none',
              label: 'Never invite automatically',
              hint: 'The HRIS only syncs people data; admins send platform and program invites.',
            },
            {
              value: 'auto',
              label: 'Auto-invite new hires',
              hint: 'People who join after the first sync get one platform invite on their start date.',
            },
          ]}
        />
      </Section>
      <Section title="Rehires" intro="When someone who left comes back active in the HRIS.">
        <Choices
          legend="Rehire policy"
          name="rehirePolicy"
          value={draft.rehirePolicy}
          disabled={readOnly}
          onChange={(rehirePolicy) => set({ rehirePolicy })}
          options={[
            {
              value: 'reactivate',
              label: 'Reactivate automatically',
              hint: 'Access comes back with the next sync; past enrollments do not, so re-invite them.',
            },
            {
              value: 'review',
              label: 'Hold for review',
              hint: 'They stay deactivated until an admin reactivates them from their learner page.',
            },
          ]}
        />
      </Section>
      <Section
        title="Safety guards"
        intro="A sync that looks wrong pauses and waits for an admin to approve or reject it in Sync history."
      >
        <div className="settings-grid">
          <Field
            label="Deactivation guard (%)"
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step={1}
            value={draft.ratioPercent}
            readOnly={readOnly}
            hint="Pause when a sync would deactivate more than this share of active learners (never fewer than 5 people)."
            onChange={(e) => set({ ratioPercent: e.target.value })}
            {...optionalError(errors.get('settings.maxDeactivationRatio'))}
          />
          <Field
            label="Coverage drop (points)"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            value={draft.coveragePoints}
            readOnly={readOnly}
            hint="Pause when a field suddenly goes missing for many people, e.g. work emails 98% → 20%."
            onChange={(e) => set({ coveragePoints: e.target.value })}
            {...optionalError(errors.get('settings.maxCoverageDropPoints'))}
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.pauseOnEmptySnapshot}
            disabled={readOnly}
            onChange={(e) => set({ pauseOnEmptySnapshot: e.target.checked })}
          />
          <span>
            Pause when the HRIS returns nobody
            <span className="hint">An empty answer would otherwise deactivate everyone.</span>
          </span>
        </label>
      </Section>
      <Section
        title="Schedule"
        intro="Rollcall syncs every night at this time; Resync runs one right away."
      >
        <div className="settings-grid">
          <Field
            label="Nightly sync time"
            type="time"
            value={draft.nightlySyncTime}
            readOnly={readOnly}
            onChange={(e) => set({ nightlySyncTime: e.target.value })}
            {...optionalError(errors.get('settings.nightlySyncTime'))}
          />
          <Field
            label="Time zone"
            list={zonesId}
            value={draft.timeZone}
            readOnly={readOnly}
            autoComplete="off"
            spellCheck={false}
            hint="An IANA time zone such as Europe/Berlin. Start and leave dates are read in it."
            onChange={(e) => set({ timeZone: e.target.value })}
            {...optionalError(errors.get('timeZone'))}
          />
          <datalist id={zonesId}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
      </Section>
      <Section
        title="Employee filters"
        intro="Sync only some of your company. Matches are exact and ignore case. A person is synced when they match every include rule and no exclude rule; people who stop matching are deactivated, subject to the safety guards."
      >
        <h3>Only include people whose…</h3>
        <FilterRules
          kind="include"
          rules={draft.include}
          readOnly={readOnly}
          errors={ruleErrors('include')}
          onChange={(include) => set({ include })}
        />
        <h3>Exclude people whose…</h3>
        <FilterRules
          kind="exclude"
          rules={draft.exclude}
          readOnly={readOnly}
          errors={ruleErrors('exclude')}
          onChange={(exclude) => set({ exclude })}
        />
      </Section>
      {readOnly ? null : (
        <div className="save-bar">
          <div className="save-bar-status" aria-live="polite">
            {failure ? <ErrorNote error={failure} /> : null}
            {saved ? <p className="success-note">Settings saved.</p> : null}
          </div>
          <Button
            onClick={() => {
              setDraft(toDraft(tenant));
              setErrors(new Map());
              setFailure(null);
            }}
            disabled={!dirty || busy}
          >
            Discard changes
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!dirty}>
            Save settings
          </Button>
        </div>
      )}
    </form>
  );
}

function optionalError(error: string | undefined): { error?: string } {
  return error ? { error } : {};
}

function Section({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="card settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro ? <p className="muted section-intro">{intro}</p> : null}
      {children}
    </section>
  );
}

function Choices<V extends string>({
  legend,
  name,
  value,
  options,
  disabled,
  onChange,
}: {
  legend: string;
  name: string;
  value: V;
  options: readonly { value: V; label: string; hint: string }[];
  disabled: boolean;
  onChange: (value: V) => void;
}) {
  return (
    <fieldset className="choice-group">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            disabled={disabled}
            onChange={() => onChange(o.value)}
          />
          <span>
            <strong>{o.label}</strong>
            <span className="hint">{o.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
