#!/usr/bin/env node
// Runs the TypeScript CLI through the project's own tsx loader, from any working directory.
// See docs/adr/0002-running-typescript.md.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
