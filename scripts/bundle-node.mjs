// Bundles a Node entry point with esbuild the way Rollcall ships its Node code (the CLI bundle,
// ADR 0002): ESM for node20, packages left external. The bench bundles its scripts the same way,
// so it measures the code users run rather than tsx's transform of it.
// `node scripts/bundle-node.mjs <entry.ts> <outfile.mjs>` bundles one entry point.
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Bundles `entry` into `outfile`; `extra` adds esbuild options (a source map, say). */
export async function bundleNode(entry, outfile, extra = {}) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    ...extra,
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, outfile] = process.argv.slice(2);
  if (!entry || !outfile) throw new Error('usage: node scripts/bundle-node.mjs <entry> <outfile>');
  await bundleNode(entry, outfile);
}
