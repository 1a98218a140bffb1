import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The admin console: built into dist/console, which the Rollcall server serves at `/`. */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(here, '..', 'dist', 'console'),
    emptyOutDir: true,
    sourcemap: true,
  },
  logLevel: 'warn',
});
