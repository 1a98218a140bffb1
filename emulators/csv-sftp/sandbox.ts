import { SANDBOX_COMPANY, type SandboxVendor } from '../shared/sandbox.ts';
import { startCsvSftpEmulator } from './server.ts';

/**
 * Fixed, public sandbox credentials: the emulator only listens on loopback. The host key is fixed
 * too, so the sandbox config's fingerprint stays the same across restarts.
 */
export const SANDBOX_CSV_SFTP = {
  username: 'sandbox',
  password: 'sandbox-sftp-password',
  directory: '/outbound',
  filePattern: 'employees_*.csv',
} as const;

const SANDBOX_HOST_KEY = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz
c2gtZWQyNTUxOQAAACCEZW7qud3YXKazt2T4DpB/3fMLO9UxD3A1ZPrPWUTlPwAA
AJhk2vLDZNrywwAAAAtzc2gtZWQyNTUxOQAAACCEZW7qud3YXKazt2T4DpB/3fML
O9UxD3A1ZPrPWUTlPwAAAEAECrexCTqn1FI/5IFSBm6Hzl3mIsb8PxhoD+tA3EWa
GIRlbuq53dhcprO3ZPgOkH/d8ws71TEPcDVk+s9ZROU/AAAAEHJvbGxjYWxsLXNh
bmRib3gBAgMEBQ==
-----END OPENSSH PRIVATE KEY-----
`;

/** The sandbox CSV-over-SFTP drop of `rollcall start` (demo mode). */
export async function startCsvSftpSandbox(): Promise<SandboxVendor> {
  const emulator = await startCsvSftpEmulator({
    host: '127.0.0.1',
    port: 0,
    hostKey: SANDBOX_HOST_KEY,
    username: SANDBOX_CSV_SFTP.username,
    password: SANDBOX_CSV_SFTP.password,
    directory: SANDBOX_CSV_SFTP.directory,
    company: { ...SANDBOX_COMPANY, emailDomain: 'sandbox-sftp.example' },
  });
  return {
    connectorId: 'csv-sftp',
    baseUrl: emulator.url,
    config: {
      host: '127.0.0.1',
      port: emulator.port,
      ...SANDBOX_CSV_SFTP,
      hostKeySha256: emulator.hostKeySha256,
    },
    close: () => emulator.close(),
  };
}
