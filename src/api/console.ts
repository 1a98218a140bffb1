import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PACKAGE_ROOT } from '../paths.ts';

/** Where `npm run build` puts the admin console (web/ → dist/console). */
export const CONSOLE_DIR = path.join(PACKAGE_ROOT, 'dist', 'console');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rollcall</title></head>
<body style="font-family:system-ui;margin:3rem"><h1>Rollcall is running</h1>
<p>The admin console has not been built in this checkout. Run <code>npm run build</code> (it runs on
<code>npm install</code>), then reload. The API is served at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/**
 * Serves the built console at `/` (hashed assets cached for a long time) and answers every other
 * non-API GET with its index.html, so deep links like /learners/lrn_… work on reload.
 */
export async function registerConsole(app: FastifyInstance, dir = CONSOLE_DIR): Promise<void> {
  const built = existsSync(path.join(dir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders(res, file) {
        if (file.includes(`${path.sep}assets${path.sep}`))
          void res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.get('/', (_request: FastifyRequest, reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(consoleIndex(dir)),
  );
}

/** The console's index.html (read per request: a rebuild needs no restart), or a hint page. */
export function consoleIndex(dir = CONSOLE_DIR): string {
  try {
    return readFileSync(path.join(dir, 'index.html'), 'utf8');
  } catch {
    return NOT_BUILT;
  }
}

/** Whether a request that matched no route should get the console (a page, not an API call). */
export function wantsConsolePage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = request.url.split('?')[0] ?? '';
  if (pathname.startsWith('/api/') || pathname === '/api') return false;
  if (pathname.startsWith('/assets/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}
