import { runEmulatorCli, textOption, type CliIo } from '../shared/cli.ts';
import { startBambooHrEmulator, type BambooHrEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator bamboohr`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing
 * the URL, company domain and API key. Resolves with an exit code (0 clean stop, 2 bad arguments).
 */
export function runBambooHrEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator bamboohr [options]

  --domain D           company domain in /api/gateway.php/{D}/v1 (default acme)
  --api-key K          API key to accept (default: a random 40-hex key)
  --fixture PATH       serve this shared sample JSON verbatim for its endpoint
  --rate-limit-status  429 (default) or 503 (legacy throttling)`,
      options: {
        domain: { type: 'string' },
        'api-key': { type: 'string' },
        fixture: { type: 'string' },
        'rate-limit-status': { type: 'string' },
      },
      build(common, values): BambooHrEmulatorOptions {
        const status = values['rate-limit-status'];
        if (status !== undefined && status !== '429' && status !== '503') {
          throw new Error('--rate-limit-status must be 429 or 503');
        }
        const domain = textOption(values, 'domain');
        const apiKey = textOption(values, 'api-key');
        const fixture = textOption(values, 'fixture');
        return {
          ...common,
          ...(domain ? { companyDomain: domain } : {}),
          ...(apiKey ? { apiKey } : {}),
          ...(fixture ? { fixture } : {}),
          ...(status ? { rateLimitStatus: status === '503' ? 503 : 429 } : {}),
        };
      },
      start: (options) => startBambooHrEmulator(options),
      banner: (emulator, options) => [
        `BambooHR emulator listening on ${emulator.url}`,
        `  base URL:       ${emulator.gatewayUrl}`,
        `  company domain: ${emulator.companyDomain}`,
        `  API key:        ${emulator.apiKey}`,
        `  employees:      ${emulator.company.size} (seed ${emulator.company.settings.seed}, today ${emulator.company.today})`,
        ...(options.fixture ? [`  fixture:        ${options.fixture}`] : []),
      ],
    },
    argv,
    io,
  );
}
