import type { NormalizedEmployee } from '../core/employee.ts';
import type { TenantSettings } from '../core/tenant-settings.ts';

/**
 * Employee filters (tenant setting, off by default). A person is kept when they match every
 * include rule (a rule matches when the field's value is one of its values, exact and
 * case-insensitive) and no exclude rule. A null field never matches.
 */
export function isFilteredOut(
  person: NormalizedEmployee,
  filters: TenantSettings['filters'],
): boolean {
  const matches = (rule: TenantSettings['filters']['include'][number]): boolean => {
    const value = person[rule.field];
    if (value === null) return false;
    const wanted = value.toLocaleLowerCase('en');
    return rule.values.some((v) => v.toLocaleLowerCase('en') === wanted);
  };
  if (!filters.include.every(matches)) return true;
  return filters.exclude.some(matches);
}
