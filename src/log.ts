import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Config } from './config.ts';

/**
 * Logs go to stderr (or ROLLCALL_LOG_FILE), never stdout: stdout belongs to command output, and
 * with `--json` it holds only the JSON document. Secrets and credentials are redacted by path.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFile'>): Logger {
  const destination = config.logFile
    ? pino.destination({ dest: config.logFile, mkdir: true, sync: true })
    : pino.destination({ fd: 2, sync: true });
  return pino(
    {
      level: config.logLevel,
      base: { service: 'rollcall' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.token',
          '*.apiKey',
          '*.secret',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
