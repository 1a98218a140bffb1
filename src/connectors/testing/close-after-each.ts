import { afterEach } from 'vitest';

/**
 * Wraps a function that starts something closable (an emulator target, a scripted test server)
 * so that everything it started during a test is closed after that test, passed or failed. Call
 * it once at the top of a test file: `const start = closeAfterEach(startHiBobTarget);`.
 */
export function closeAfterEach<Args extends unknown[], Started extends { close(): Promise<void> }>(
  start: (...args: Args) => Promise<Started>,
): (...args: Args) => Promise<Started> {
  const started: Started[] = [];
  afterEach(async () => {
    for (const item of started.splice(0)) await item.close();
  });
  return async (...args) => {
    const item = await start(...args);
    started.push(item);
    return item;
  };
}
