import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { keyFilePath, loadSecretKey } from '../../secrets/keyring.ts';
import type { RotationReport } from '../../secrets/rotation.ts';
import { keyStatus, rotateKeyFile, rotateToEnvKey } from '../../secrets/rotation.ts';
import { CommandFailed, printJson, printLine, printTable, withStore } from '../context.ts';

/** `rollcall secrets status|rotate`: the key sealing HRIS credentials (ADR 0007). */
export function registerSecretsCommands(program: Command): void {
  const secrets = program
    .command('secrets')
    .description('the key that seals HRIS credentials at rest (never printed)');

  secrets
    .command('status')
    .description('the current key id, where it comes from, and credentials per key id')
    .option('--json', 'print the status as JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(async (store, config) => {
        const status = await keyStatus(store.db, configuredKey(config), sourceOf(config));
        if (options.json) return printJson(status);
        printLine(
          `Current key ${status.currentKeyId} (from ${status.source === 'env' ? 'ROLLCALL_SECRET_KEY' : keyFilePath(config.dataDir)}).`,
        );
        if (status.previousKeyIds.length > 0)
          printLine(`Previous keys still configured: ${status.previousKeyIds.join(', ')}.`);
        printTable(
          ['KEY', 'ROLE', 'CREDENTIALS'],
          status.credentials.map((c) => [c.keyId ?? '(unknown format)', c.role, c.count]),
        );
      });
    });

  secrets
    .command('rotate')
    .description(
      'reseal every stored credential with a new key (key file) or with ROLLCALL_SECRET_KEY',
    )
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(async (store, config) => {
        // Creates the key file on a fresh data directory, like every command that needs the key.
        const secret = configuredKey(config);
        const report =
          sourceOf(config) === 'env'
            ? await rotateToEnvKey(store.db, secret)
            : await rotateKeyFile(store.db, keyFilePath(config.dataDir));
        if (options.json) printJson(report);
        else printReport(report, config);
        if (report.unreadable.length > 0) {
          throw new CommandFailed(
            `${report.unreadable.length} credential(s) could not be unsealed; reconnect those connections, then run \`rollcall secrets rotate\` again`,
          );
        }
      });
    });
}

function sourceOf(config: Config): 'env' | 'file' {
  return config.secretKeyHex ? 'env' : 'file';
}

function configuredKey(config: Config): ReturnType<typeof loadSecretKey> {
  return loadSecretKey({
    secretKeyHex: config.secretKeyHex,
    dataDir: config.dataDir,
    previousSecretKeysHex: config.previousSecretKeysHex,
  });
}

function printReport(report: RotationReport, config: Config): void {
  const previous = report.previousKeyIds.join(', ');
  if (report.source === 'file') {
    printLine(
      report.newKeyGenerated
        ? `Generated key ${report.currentKeyId}; kept ${previous} while resealing.`
        : `Resuming the rotation to key ${report.currentKeyId}.`,
    );
  } else {
    printLine(`Current key ${report.currentKeyId} (ROLLCALL_SECRET_KEY).`);
  }
  printLine(
    `Credentials: ${report.resealed} resealed, ${report.alreadyCurrent} already current, ${report.unreadable.length} unreadable.`,
  );
  if (report.unreadable.length > 0) {
    printTable(
      ['CONNECTION', 'KEY', 'ERROR'],
      report.unreadable.map((u) => [u.connectionId, u.keyId ?? '(unknown format)', u.error]),
    );
  }
  const file = keyFilePath(config.dataDir);
  switch (report.previousKeys) {
    case 'removed':
      printLine(
        `Removed ${previous} from ${file}; restart a running Rollcall to load the new key.`,
      );
      break;
    case 'removable':
      printLine(
        `No credential uses ${previous} any more: remove ROLLCALL_PREVIOUS_SECRET_KEYS and restart Rollcall.`,
      );
      break;
    case 'still_needed':
      printLine(
        `${report.onPreviousKeys} credential(s) still use ${previous}: keep ${report.source === 'env' ? 'ROLLCALL_PREVIOUS_SECRET_KEYS' : `them in ${file}`} and run \`rollcall secrets rotate\` again.`,
      );
      break;
    case 'none':
      if (report.source === 'env')
        printLine(
          'No previous keys configured: to rotate, put the new key in ROLLCALL_SECRET_KEY and the old one in ROLLCALL_PREVIOUS_SECRET_KEYS.',
        );
      break;
  }
}
