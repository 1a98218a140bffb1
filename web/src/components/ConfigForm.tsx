import { useEffect, useId, useRef } from 'react';
import type { ConfigProperty } from './integration/config-schema.ts';
import { configProperties } from './integration/config-schema.ts';
import type { CatalogueEntry } from './VerificationPanel.tsx';

const NO_ERRORS: Readonly<Record<string, string>> = {};

/** A form generated from a connector's config JSON Schema; secret inputs are masked. */
export function ConfigForm(props: {
  connector: CatalogueEntry;
  value: Record<string, string>;
  onChange: (value: Record<string, string>) => void;
  /** Messages per config key (see `validateConfig`), shown under their inputs. */
  errors?: Readonly<Record<string, string>>;
  disabled?: boolean;
}) {
  const { connector, value, onChange, errors = NO_ERRORS, disabled = false } = props;
  const ref = useRef<HTMLFieldSetElement>(null);
  // New problems take the admin to the first one (the messages are next to their inputs).
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    const first = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first?.closest('details')) first.closest('details')?.setAttribute('open', '');
    first?.focus();
  }, [errors]);
  const properties = configProperties(connector.configSchema, connector.secretFields);
  const basic = properties.filter((p) => !p.advanced);
  const advanced = properties.filter((p) => p.advanced);
  const input = (property: ConfigProperty) => (
    <ConfigInput
      key={property.key}
      property={property}
      value={value[property.key] ?? ''}
      error={errors[property.key]}
      disabled={disabled}
      onChange={(next) => onChange({ ...value, [property.key]: next })}
    />
  );
  return (
    <fieldset ref={ref} className="config-form" aria-label={`${connector.name} credentials`}>
      {basic.map(input)}
      {advanced.length > 0 ? (
        <details className="config-advanced" open={advanced.some((p) => errors[p.key])}>
          <summary>Advanced</summary>
          {advanced.map(input)}
        </details>
      ) : null}
      {basic.some((p) => p.required) ? (
        <p className="hint">
          <span aria-hidden="true">*</span> Required
        </p>
      ) : null}
    </fieldset>
  );
}

function ConfigInput({
  property,
  value,
  error,
  disabled,
  onChange,
}: {
  property: ConfigProperty;
  value: string;
  error: string | undefined;
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [property.description ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') ||
    undefined;
  const common = {
    id,
    name: property.key,
    value,
    disabled,
    required: property.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>
        {property.label}
        {property.required ? (
          <span className="required-mark" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {property.kind === 'select' ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="">{property.required ? 'Choose…' : '—'}</option>
          {property.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={property.secret ? 'password' : property.kind === 'number' ? 'number' : 'text'}
          autoComplete={property.secret ? 'new-password' : 'off'}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {property.description ? (
        <p className="hint" id={hintId}>
          {property.description}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
