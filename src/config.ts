import path from 'node:path';
import { z } from 'zod';

/**
 * Rollcall's configuration, read from the environment once at start-up and validated in one go:
 * a bad value stops the process with one message that lists every bad variable.
 */
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const auto = z.enum(['auto', 'true', 'false', '1', '0']).default('auto');

const envSchema = z.object({
  ROLLCALL_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  ROLLCALL_HOST: z.string().min(1).default('127.0.0.1'),
  ROLLCALL_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  ROLLCALL_PUBLIC_URL: z.url().optional(),
  ROLLCALL_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  ROLLCALL_LOG_FILE: z.string().min(1).optional(),
  ROLLCALL_TLS_CERT: z.string().min(1).optional(),
  ROLLCALL_TLS_KEY: z.string().min(1).optional(),
  ROLLCALL_TRUST_PROXY: flag.default(false),
  ROLLCALL_SECURE_COOKIES: auto,
  ROLLCALL_DEMO: auto,
  ROLLCALL_SECRET_KEY: z
    .string()
    .regex(
      /^[0-9a-fA-F]{64}$/,
      'expected 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`',
    )
    .optional(),
  ROLLCALL_PREVIOUS_SECRET_KEYS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== ''),
    )
    .pipe(z.array(z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex characters per key')))
    .optional(),
  ROLLCALL_EXTRA_ALLOWED_HOSTS: z.string().optional(),
});

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  host: string;
  port: number;
  publicUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['ROLLCALL_LOG_LEVEL'];
  logFile: string | undefined;
  tls: { certFile: string; keyFile: string } | undefined;
  trustProxy: boolean;
  secureCookies: boolean;
  /** Seed the demo tenant and admin on start (default: only on the embedded store). */
  demo: boolean;
  /** Key for credentials at rest (hex); generated into the data directory when absent. */
  secretKeyHex: string | undefined;
  /** Older keys (hex) that still unseal credentials during a rotation; needs `secretKeyHex`. */
  previousSecretKeysHex: string[];
  /** Hosts (operator's choice) that connector base URLs may point to, http allowed. */
  extraAllowedHosts: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function decide(value: string, whenAuto: boolean): boolean {
  if (value === 'auto') return whenAuto;
  return value === 'true' || value === '1';
}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => value !== '' && (key.startsWith('ROLLCALL_') || key === 'DATABASE_URL'),
    ),
  );
  const parsed = envSchema.safeParse(relevant);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
      );
  if (Boolean(relevant['ROLLCALL_TLS_CERT']) !== Boolean(relevant['ROLLCALL_TLS_KEY'])) {
    const missing = relevant['ROLLCALL_TLS_CERT'] ? 'ROLLCALL_TLS_KEY' : 'ROLLCALL_TLS_CERT';
    problems.push(`${missing}: set both ROLLCALL_TLS_CERT and ROLLCALL_TLS_KEY, or neither`);
  }
  if (relevant['ROLLCALL_PREVIOUS_SECRET_KEYS'] && !relevant['ROLLCALL_SECRET_KEY']) {
    problems.push(
      'ROLLCALL_PREVIOUS_SECRET_KEYS: set it only with ROLLCALL_SECRET_KEY (the key file lists its own previous keys)',
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const tls =
    e.ROLLCALL_TLS_CERT && e.ROLLCALL_TLS_KEY
      ? { certFile: e.ROLLCALL_TLS_CERT, keyFile: e.ROLLCALL_TLS_KEY }
      : undefined;
  const httpsPublic = e.ROLLCALL_PUBLIC_URL?.startsWith('https://') ?? false;
  return {
    dataDir: path.resolve(cwd, e.ROLLCALL_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    host: e.ROLLCALL_HOST,
    port: e.ROLLCALL_PORT,
    publicUrl: e.ROLLCALL_PUBLIC_URL,
    logLevel: e.ROLLCALL_LOG_LEVEL,
    logFile: e.ROLLCALL_LOG_FILE,
    tls,
    trustProxy: e.ROLLCALL_TRUST_PROXY,
    secureCookies: decide(e.ROLLCALL_SECURE_COOKIES, tls !== undefined || httpsPublic),
    demo: decide(e.ROLLCALL_DEMO, e.DATABASE_URL === undefined),
    secretKeyHex: e.ROLLCALL_SECRET_KEY,
    previousSecretKeysHex: e.ROLLCALL_PREVIOUS_SECRET_KEYS ?? [],
    extraAllowedHosts: (e.ROLLCALL_EXTRA_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
  };
}
