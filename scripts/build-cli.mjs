// Bundles the CLI (src/cli/main.ts and everything it imports from src/ and emulators/) into
// dist/cli.js with esbuild, so `rollcall` starts without transforming TypeScript on every run.
// Packages stay external (node_modules). bin/rollcall.js falls back to tsx when a source file is
// newer than the bundle. See docs/adr/0002-running-typescript.md.
import { bundleNode } from './bundle-node.mjs';

await bundleNode('src/cli/main.ts', 'dist/cli.js', { sourcemap: 'linked' });
