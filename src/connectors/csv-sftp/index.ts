import { z } from 'zod';
import { baseUrlSchema } from '../schemas.ts';
import { ANY_PUBLIC_HOST } from '../base-url.ts';
import { ConnectorError, NEVER_ACCESSED, defineConnector } from '../connector.ts';
import type { ConnectorContext, FetchItem } from '../connector.ts';
import {
  CSV_SFTP_DENIED_COLUMNS,
  CSV_SFTP_REQUESTED_COLUMNS,
  ID_COLUMNS,
  assertDeniedColumnsUnmapped,
} from './columns.ts';
import { readDropFile } from './drop.ts';
import { isValidPattern } from './files.ts';
import { checkPrivateKey, openSftp } from './sftp.ts';

// Fail at import, long before a file could be read through a column on the denylist.
assertDeniedColumnsUnmapped(CSV_SFTP_DENIED_COLUMNS);

export const DEFAULT_SFTP_PORT = 22;

export const csvSftpConfigSchema = z
  .object({
    host: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.:-]+$/, 'a host name or IP address, without sftp:// or a port')
      .meta({
        title: 'Host',
        description: 'The SFTP server, e.g. sftp.example.com (a public host name or address).',
      }),
    port: z
      .number()
      .int()
      .min(1)
      .max(65_535)
      .default(DEFAULT_SFTP_PORT)
      .meta({ title: 'Port', description: 'Default 22.' }),
    username: z
      .string()
      .trim()
      .min(1, 'the SFTP username is required')
      .meta({ title: 'Username', description: 'The SFTP user Rollcall logs in as (read-only).' }),
    password: z
      .string()
      .min(1)
      .optional()
      .meta({ title: 'Password', description: 'The SFTP user’s password, or use a private key.' }),
    privateKey: z.string().min(1).optional().meta({
      title: 'Private key',
      description: 'An OpenSSH or PEM private key whose public key the server authorizes.',
    }),
    passphrase: z
      .string()
      .min(1)
      .optional()
      .meta({ title: 'Key passphrase', description: 'Only for an encrypted private key.' }),
    hostKeySha256: z
      .string()
      .trim()
      .regex(
        /^SHA256:[A-Za-z0-9+/]{43}=?$/,
        'the host key fingerprint as `ssh-keygen -lf` prints it: SHA256: and 43 base64 characters',
      )
      .meta({
        title: 'Host key fingerprint',
        description:
          'The server’s SSH host key fingerprint, e.g. SHA256:2nB…; get it with ' +
          '`ssh-keyscan -p 22 sftp.example.com | ssh-keygen -lf -`.',
      }),
    directory: z.string().trim().min(1).default('.').meta({
      title: 'Directory',
      description: 'Where the files are dropped, e.g. /outbound/hr (default: the login folder).',
    }),
    filePattern: z
      .string()
      .refine(isValidPattern, 'a file name pattern such as employees_*.csv (no slashes)')
      .default('employees_*.csv')
      .meta({
        title: 'File name pattern',
        description:
          'Rollcall imports the most recently modified file matching it; * is any text, ? one character.',
      }),
    idColumn: z.enum(ID_COLUMNS).default('work_email').meta({
      title: 'Identify people by',
      description:
        'work_email (default, like the CSV upload) or employee_number (survives email changes).',
    }),
    baseUrl: baseUrlSchema.meta({
      title: 'Server URL',
      description: 'Leave empty: sftp://<host>:<port> is used.',
    }),
  })
  .refine((config) => config.password !== undefined || config.privateKey !== undefined, {
    message: 'set a password or a private key',
    path: ['password'],
  })
  .refine((config) => config.passphrase === undefined || config.privateKey !== undefined, {
    message: 'a passphrase needs a private key',
    path: ['passphrase'],
  });

export type CsvSftpConfig = z.infer<typeof csvSftpConfigSchema>;

/**
 * CSV over SFTP: the newest file matching a pattern in a directory of the customer's SFTP server,
 * read with the CSV upload's column mapping. For populations outside the HRIS (contractors, a
 * subsidiary) or a customer whose HRIS only exports files.
 */
export const csvSftp = defineConnector<CsvSftpConfig>({
  id: 'csv-sftp',
  name: 'CSV over SFTP',
  maturity: 'beta',
  docs: 'docs/connectors/csv-sftp.md',
  configSchema: csvSftpConfigSchema,
  secretFields: ['password', 'privateKey', 'passphrase'],
  allowedHosts: [ANY_PUBLIC_HOST],
  rateLimit: {
    requestsPerSecond: 1,
    burst: 1,
    description:
      'One SSH connection per sync: one directory listing, one streamed file read, ' +
      'one stat. There is no vendor rate limit; a failed login is never retried within a run.',
  },
  requestedFields: CSV_SFTP_REQUESTED_COLUMNS,
  providedFields: [
    'externalId',
    'employeeNumber',
    'firstName',
    'lastName',
    'workEmail',
    'department',
    'jobTitle',
    'employeeType',
    'location',
    'country',
    'managerExternalId',
    'managerName',
    'managerEmail',
    'employmentStatus',
    'startDate',
  ],
  deniedFields: CSV_SFTP_DENIED_COLUMNS,
  neverAccessed: NEVER_ACCESSED,
  defaultBaseUrl: (config) => `sftp://${formatHost(config.host)}:${config.port}`,
  fetch: fetchCsvSftp,
});

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host.toLowerCase();
}

async function* fetchCsvSftp(ctx: ConnectorContext<CsvSftpConfig>): AsyncGenerator<FetchItem> {
  const { config, endpoint } = ctx;
  if (!endpoint) {
    throw new ConnectorError(
      'host_not_allowed',
      'csv-sftp needs the resolved endpoint from the engine (ctx.endpoint); none was given',
      false,
    );
  }
  if (config.privateKey !== undefined) {
    const problem = checkPrivateKey(config.privateKey, config.passphrase);
    if (problem !== null) throw new ConnectorError('auth_failed', problem, false);
  }
  const port = endpoint.port ?? DEFAULT_SFTP_PORT;
  const server = `${formatHost(endpoint.host)}:${port}`;
  const address = await endpoint.resolveAddress();
  const session = await openSftp({
    address,
    port,
    server,
    hostKeySha256: config.hostKeySha256,
    username: config.username,
    password: config.password,
    privateKey: config.privateKey,
    passphrase: config.passphrase,
    signal: ctx.signal,
  });
  try {
    yield* readDropFile(session, {
      directory: config.directory,
      filePattern: config.filePattern,
      idColumn: config.idColumn,
      today: ctx.today,
      log: ctx.log,
    });
  } finally {
    session.close();
  }
}
