/**
 * The HTTP contract of Rollcall: zod schemas of every request and response, shared by the API (which
 * validates with them and documents them as OpenAPI), the CLI and the web console.
 */
export * from './audit.ts';
export * from './auth.ts';
export * from './classes.ts';
export * from './common.ts';
export * from './csv-import.ts';
export * from './events.ts';
export * from './learners.ts';
export * from './programs.ts';
export * from './reports.ts';
export * from './tenant.ts';
export * from './tokens.ts';
export * from './connections.ts';
export * from './connectors.ts';
export * from './runs.ts';
export * from './connect-links.ts';
