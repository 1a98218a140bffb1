import { afterEach } from 'vitest';

/**
 * Test support: wraps an emulator's `start…Emulator` so that every emulator it starts is closed
 * after the test that started it, however many there were and whether or not the test passed.
 * Call it at module or `describe` level (it registers an `afterEach`).
 */
export function closedAfterEach<A extends unknown[], E extends { close(): Promise<void> }>(
  start: (...args: A) => Promise<E>,
): (...args: A) => Promise<E> {
  const open: E[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((emulator) => emulator.close()));
  });
  return async (...args) => {
    const emulator = await start(...args);
    open.push(emulator);
    return emulator;
  };
}
