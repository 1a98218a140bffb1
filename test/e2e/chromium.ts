import { existsSync } from 'node:fs';

/**
 * Debian's Chromium (`apt-get install -y chromium`): the browser suite never downloads one.
 * `ROLLCALL_E2E_CHROMIUM` points elsewhere on machines without /usr/bin/chromium.
 */
export const CHROMIUM_PATH = process.env['ROLLCALL_E2E_CHROMIUM'] ?? '/usr/bin/chromium';

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}
