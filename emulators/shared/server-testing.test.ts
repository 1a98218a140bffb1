import { describe, expect, it } from 'vitest';
import { listen, type HttpServerHandle } from './http.ts';
import { closedAfterEach } from './server-testing.ts';

const started: HttpServerHandle[] = [];
const start = closedAfterEach(async () => {
  const server = await listen(() => Promise.resolve());
  started.push(server);
  return server;
});

describe('closedAfterEach', () => {
  it('starts as many servers as a test asks for', async () => {
    await start();
    await start();
    expect(started).toHaveLength(2);
  });

  it('closed the previous test’s servers', async () => {
    for (const server of started) await expect(fetch(server.url)).rejects.toThrow();
  });
});
