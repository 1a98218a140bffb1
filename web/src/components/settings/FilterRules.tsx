import { useId } from 'react';
import { FILTER_FIELDS } from '../../../../src/core/tenant-settings.ts';
import { Button } from '../ui.tsx';

export type FilterField = (typeof FILTER_FIELDS)[number];

/** A rule as the form edits it: values as the admin types them, comma-separated. */
export interface RuleDraft {
  key: number;
  field: FilterField;
  values: string;
}

export const FILTER_FIELD_LABELS: Record<FilterField, string> = {
  employeeType: 'Employee type',
  department: 'Department',
  location: 'Location',
  country: 'Country',
};

let nextKey = 1;

export function ruleDraft(field: FilterField = 'employeeType', values = ''): RuleDraft {
  return { key: nextKey++, field, values };
}

/** The values of a draft rule as the API takes them: trimmed, no blanks. */
export function ruleValues(draft: RuleDraft): string[] {
  return draft.values
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** One list of include or exclude rules, with per-rule errors from the API. */
export function FilterRules({
  kind,
  rules,
  readOnly,
  errors,
  onChange,
}: {
  kind: 'include' | 'exclude';
  rules: readonly RuleDraft[];
  readOnly: boolean;
  /** API messages by rule index. */
  errors: ReadonlyMap<number, string>;
  onChange: (rules: RuleDraft[]) => void;
}) {
  const baseId = useId();
  const noun = kind === 'include' ? 'include' : 'exclude';
  const title = kind === 'include' ? 'Include' : 'Exclude';
  const update = (index: number, patch: Partial<RuleDraft>) =>
    onChange(rules.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <div className="filter-rules">
      {rules.length === 0 ? (
        <p className="muted small">
          {kind === 'include' ? 'No include rules: everyone is synced.' : 'No exclude rules.'}
        </p>
      ) : (
        <ul className="rule-list">
          {rules.map((rule, index) => {
            const fieldId = `${baseId}-${rule.key}-field`;
            const valuesId = `${baseId}-${rule.key}-values`;
            const error = errors.get(index);
            const n = index + 1;
            return (
              <li key={rule.key} className="rule">
                <div className="field">
                  <label htmlFor={fieldId}>
                    <span className="sr-only">{`${title} rule ${n}: `}</span>
                    Field
                  </label>
                  <select
                    id={fieldId}
                    value={rule.field}
                    disabled={readOnly}
                    onChange={(e) => update(index, { field: e.target.value as FilterField })}
                  >
                    {FILTER_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {FILTER_FIELD_LABELS[f]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field rule-values">
                  <label htmlFor={valuesId}>
                    <span className="sr-only">{`${title} rule ${n}: `}</span>
                    Is one of
                  </label>
                  <input
                    id={valuesId}
                    value={rule.values}
                    readOnly={readOnly}
                    placeholder="Comma-separated, e.g. Full-time, Part-time"
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${valuesId}-error` : undefined}
                    onChange={(e) => update(index, { values: e.target.value })}
                  />
                  {error ? (
                    <p className="field-error" id={`${valuesId}-error`}>
                      {error}
                    </p>
                  ) : null}
                </div>
                {readOnly ? null : (
                  <Button
                    variant="ghost"
                    className="rule-remove"
                    aria-label={`Remove ${noun} rule ${n}`}
                    onClick={() => onChange(rules.filter((_, i) => i !== index))}
                  >
                    Remove
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {readOnly ? null : (
        <Button onClick={() => onChange([...rules, ruleDraft()])}>Add {noun} rule</Button>
      )}
    </div>
  );
}
