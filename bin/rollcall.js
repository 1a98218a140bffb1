#!/usr/bin/env node
// Starts the CLI. The bundle `dist/cli.js` (built on install by `npm run build`) starts fast; when
// it is missing, or any source file is newer than it (you are editing Rollcall), the TypeScript
// sources run through the project's own tsx loader instead. See docs/adr/0002-running-typescript.md.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli.js');

/** The newest modification time of the bundle's inputs (TypeScript under src/ and emulators/). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (process.env.ROLLCALL_NO_BUNDLE === '1' || !existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  return ['src', 'emulators'].every((dir) => newestSource(path.join(root, dir)) <= built);
}

if (bundleIsFresh()) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
