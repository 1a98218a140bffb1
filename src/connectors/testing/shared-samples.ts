import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/providers` next to the repository (where the team keeps vendor research). */
const DEFAULT_ROOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/providers',
);

/**
 * Vendor samples live in the team's shared folder (`../shared/providers/<vendor>/`), read in place
 * and never copied into the repository. On a machine without them the tests that need them skip,
 * and say so on stderr. `ROLLCALL_SHARED_PROVIDERS` points at another `providers` folder.
 */
export function sharedSamplesDir(vendor: string): string {
  return join(process.env['ROLLCALL_SHARED_PROVIDERS'] ?? DEFAULT_ROOT, vendor);
}

/** The sample's path, or `null` after printing a visible SKIP line. */
export function sharedSample(vendor: string, file: string): string | null {
  const path = join(sharedSamplesDir(vendor), file);
  if (existsSync(path)) return path;
  process.stderr.write(
    `\n  SKIP: shared ${vendor} sample ${file} not found at ${path} ` +
      '(set ROLLCALL_SHARED_PROVIDERS to the folder holding <vendor>/)\n\n',
  );
  return null;
}
