import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers.ts';
import { CHROMIUM_PATH, chromiumInstalled } from './chromium.ts';

const CONSOLE_INDEX = path.join(ROOT, 'dist', 'console', 'index.html');
/** What the built console is made of: a change here means the build is stale. */
const CONSOLE_SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/contracts'];

function newestChange(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry))
    newest = Math.max(newest, newestChange(path.join(entry, child)));
  return newest;
}

/**
 * The browser suite never skips: without Chromium it fails, loudly (`.ci/run` installs it first).
 * It tests the console as built, so it builds it when the sources changed since the last build.
 */
export default function setup(): void {
  if (!chromiumInstalled()) {
    throw new Error(
      [
        `The browser suite needs Chromium at ${CHROMIUM_PATH} and refuses to skip.`,
        'Install it with `apt-get update && apt-get install -y chromium` (`.ci/run` does),',
        'or point ROLLCALL_E2E_CHROMIUM at another Chromium. Playwright never downloads a browser here.',
      ].join('\n'),
    );
  }
  const built = existsSync(CONSOLE_INDEX) ? statSync(CONSOLE_INDEX).mtimeMs : 0;
  const sources = Math.max(...CONSOLE_SOURCES.map((s) => newestChange(path.join(ROOT, s))));
  if (built >= sources) return;
  process.stderr.write('\n  Building the console (web/ changed since the last build)…\n');
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('`npm run build` failed: the console cannot be tested');
}
