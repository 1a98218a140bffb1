import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root directory, found by walking up from this module to the `rollcall`
 * package.json: the same answer whether the code runs from `src/` (tsx) or from the bundled
 * `dist/cli.js` (ADR 0002).
 */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'rollcall') return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no rollcall package.json above ${start}`);
  }
}
