import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  integerOption,
  listOption,
  runEmulatorCli,
  textOption,
  type CliIo,
} from '../shared/cli.ts';
import { startCsvSftpEmulator, type CsvSftpEmulatorOptions } from './server.ts';

export type { CliIo } from '../shared/cli.ts';

/**
 * `rollcall emulator csv-sftp`: runs the emulator until SIGINT/SIGTERM (or `io.signal`), printing
 * the URL, the credentials and the host key fingerprint. Resolves with an exit code (0 clean stop,
 * 2 bad arguments).
 */
export function runCsvSftpEmulatorCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  return runEmulatorCli(
    {
      usage: `Usage: rollcall emulator csv-sftp [options]

  --username U           SFTP user to accept (default rollcall)
  --password P           password to accept (default: a random one)
  --public-key PATH      also accept this OpenSSH public key (e.g. ~/.ssh/id_ed25519.pub)
  --directory D          drop directory (default /outbound)
  --file PATH            serve this CSV file (repeatable) instead of the generated company
  --no-sensitive         leave the sensitive columns (salary, ssn, …) out of the generated file
  --latency MS           delay every SFTP answer by MS milliseconds
  --refuse-logins        refuse every login, even with valid credentials
  --truncate-at BYTES    end every read at BYTES while the file keeps its size (a dropped transfer)`,
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        'public-key': { type: 'string' },
        directory: { type: 'string' },
        file: { type: 'string', multiple: true },
        'no-sensitive': { type: 'boolean' },
        latency: { type: 'string' },
        'refuse-logins': { type: 'boolean' },
        'truncate-at': { type: 'string' },
      },
      async build(common, values): Promise<CsvSftpEmulatorOptions> {
        const latencyMs = integerOption(textOption(values, 'latency'), 'latency');
        const truncateReadsAt = integerOption(textOption(values, 'truncate-at'), 'truncate-at');
        const username = textOption(values, 'username');
        const password = textOption(values, 'password');
        const publicKeyPath = textOption(values, 'public-key');
        const directory = textOption(values, 'directory');
        const files = await Promise.all(
          listOption(values, 'file').map(async (path) => ({
            name: basename(path),
            content: await readFile(path),
          })),
        );
        return {
          ...common,
          ...(username ? { username } : {}),
          ...(password ? { password } : {}),
          ...(publicKeyPath ? { publicKey: await readFile(publicKeyPath, 'utf8') } : {}),
          ...(directory ? { directory } : {}),
          ...(files.length > 0 ? { files } : {}),
          ...(values['no-sensitive'] === true ? { render: { sensitive: false } } : {}),
          faults: {
            ...(latencyMs !== undefined ? { latencyMs } : {}),
            ...(values['refuse-logins'] === true ? { refuseLogins: true } : {}),
            ...(truncateReadsAt !== undefined ? { truncateReadsAt } : {}),
          },
        };
      },
      start: (options) => startCsvSftpEmulator(options),
      banner: (emulator, options) => [
        `CSV over SFTP emulator listening on ${emulator.url}`,
        `  host key:   ${emulator.hostKeySha256}`,
        `  username:   ${emulator.username}`,
        ...(emulator.password !== null ? [`  password:   ${emulator.password}`] : []),
        ...(options.publicKey ? ['  public key: accepted'] : []),
        `  directory:  ${emulator.directory}`,
        options.files
          ? `  files:      ${options.files.map((f) => f.name).join(', ')}`
          : `  employees:  ${emulator.company.size} (seed ${emulator.company.options.seed}, today ${emulator.company.today})`,
      ],
    },
    argv,
    io,
  );
}
