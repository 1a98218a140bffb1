/** The settings form: its state, the PATCH it sends, and the API issues in its words. */
import type { ValidationIssue } from '../../../../src/contracts/common.ts';
import type { TenantDto, TenantPatch } from '../../../../src/contracts/tenant.ts';
import type { RuleDraft } from './FilterRules.tsx';
import { ruleDraft, ruleValues } from './FilterRules.tsx';

type Settings = TenantDto['settings'];

/** The form's state: numbers as typed, filter values as comma-separated text. */
export interface Draft {
  name: string;
  timeZone: string;
  invitePolicy: Settings['invitePolicy'];
  rehirePolicy: Settings['rehirePolicy'];
  ratioPercent: string;
  pauseOnEmptySnapshot: boolean;
  coveragePoints: string;
  nightlySyncTime: string;
  include: RuleDraft[];
  exclude: RuleDraft[];
}

export function toDraft(tenant: TenantDto): Draft {
  const s = tenant.settings;
  return {
    name: tenant.name,
    timeZone: tenant.timeZone,
    invitePolicy: s.invitePolicy,
    rehirePolicy: s.rehirePolicy,
    ratioPercent: String(Math.round(s.maxDeactivationRatio * 10000) / 100),
    pauseOnEmptySnapshot: s.pauseOnEmptySnapshot,
    coveragePoints: String(s.maxCoverageDropPoints),
    nightlySyncTime: s.nightlySyncTime,
    include: s.filters.include.map((r) => ruleDraft(r.field, r.values.join(', '))),
    exclude: s.filters.exclude.map((r) => ruleDraft(r.field, r.values.join(', '))),
  };
}

/** Only what changed, so the audit log records what the admin actually touched. */
export function toPatch(draft: Draft, tenant: TenantDto): TenantPatch {
  const s = tenant.settings;
  const settings: NonNullable<TenantPatch['settings']> = {};
  const ratio = Math.round(Number(draft.ratioPercent) * 100) / 10000;
  const points = Number(draft.coveragePoints);
  if (draft.invitePolicy !== s.invitePolicy) settings.invitePolicy = draft.invitePolicy;
  if (draft.rehirePolicy !== s.rehirePolicy) settings.rehirePolicy = draft.rehirePolicy;
  if (ratio !== s.maxDeactivationRatio) settings.maxDeactivationRatio = ratio;
  if (draft.pauseOnEmptySnapshot !== s.pauseOnEmptySnapshot)
    settings.pauseOnEmptySnapshot = draft.pauseOnEmptySnapshot;
  if (points !== s.maxCoverageDropPoints) settings.maxCoverageDropPoints = points;
  if (draft.nightlySyncTime !== s.nightlySyncTime) settings.nightlySyncTime = draft.nightlySyncTime;
  const rules = (list: RuleDraft[]) => list.map((r) => ({ field: r.field, values: ruleValues(r) }));
  const filters = { include: rules(draft.include), exclude: rules(draft.exclude) };
  if (JSON.stringify(filters) !== JSON.stringify(s.filters)) settings.filters = filters;
  const patch: TenantPatch = {};
  if (draft.name.trim() !== tenant.name) patch.name = draft.name.trim();
  if (draft.timeZone.trim() !== tenant.timeZone) patch.timeZone = draft.timeZone.trim();
  if (Object.keys(settings).length > 0) patch.settings = settings;
  return patch;
}

/** Checks the browser can do before asking the API (which checks everything again). */
export function localErrors(draft: Draft): Map<string, string> {
  const errors = new Map<string, string>();
  const ratio = Number(draft.ratioPercent);
  if (draft.ratioPercent.trim() === '' || !Number.isFinite(ratio))
    errors.set('settings.maxDeactivationRatio', 'Enter a percentage between 0 and 100.');
  const points = Number(draft.coveragePoints);
  if (draft.coveragePoints.trim() === '' || !Number.isFinite(points))
    errors.set('settings.maxCoverageDropPoints', 'Enter a number of points between 0 and 100.');
  return errors;
}

/** API issues in the words of this form, keyed by the field they belong to. */
export function issueMessages(issues: readonly ValidationIssue[]): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of issues) {
    const rule = /^settings\.filters\.(include|exclude)\.(\d+)/.exec(issue.path);
    const key = rule ? `${rule[1]}.${rule[2]}` : issue.path;
    let message = issue.message;
    if (issue.path === 'settings.maxDeactivationRatio')
      message = 'Enter a percentage between 0 and 100.';
    if (issue.path === 'settings.maxCoverageDropPoints')
      message = 'Enter a number of points between 0 and 100.';
    if (rule) message = 'Enter at least one value.';
    message = message.charAt(0).toUpperCase() + message.slice(1);
    if (!errors.has(key)) errors.set(key, message);
  }
  return errors;
}

export function timeZones(current: string): string[] {
  const all =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...all])];
}
