import { ConnectorError } from '../connector.ts';

/** SFTP v3 status codes (draft-ietf-secsh-filexfer-02 §7) as ssh2 reports them in `error.code`. */
const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

const RETRYABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

interface Ssh2Error {
  level?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * An ssh2 connection failure → ConnectorError. The messages name the server and say what to do;
 * they never include credentials (ssh2's own messages do not either, but only its level and code
 * are used here).
 */
export function connectionError(error: unknown, server: string): ConnectorError {
  const { level, code } = (error ?? {}) as Ssh2Error;
  if (level === 'client-authentication') {
    return new ConnectorError(
      'auth_failed',
      `the SFTP server ${server} refused the username with the configured password or key: ` +
        'check the username, the password or private key (and its passphrase), and that the ' +
        "key is in the user's authorized_keys",
      false,
    );
  }
  if (level === 'client-timeout') {
    return new ConnectorError(
      'timeout',
      `the SFTP server ${server} did not complete the SSH handshake in time`,
      true,
    );
  }
  if (level === 'client-socket' || level === 'client-dns') {
    const reason = typeof code === 'string' ? ` (${code})` : '';
    return new ConnectorError(
      'network',
      `could not connect to the SFTP server ${server}${reason}: check the host, the port and ` +
        'that the server accepts connections from Rollcall',
      typeof code !== 'string' || RETRYABLE_SOCKET_CODES.has(code),
    );
  }
  return new ConnectorError(
    'unavailable',
    `the SSH connection to ${server} failed during the handshake${level === 'protocol' ? ' (protocol error)' : ''}`,
    true,
  );
}

/** The pinned host key did not match: a changed server key, or someone in between. */
export function hostKeyMismatch(server: string, received: string, pinned: string): ConnectorError {
  return new ConnectorError(
    'auth_failed',
    `host key mismatch: the SFTP server ${server} presented ${received}, but the connection ` +
      `pins ${pinned}. If the server's key was changed on purpose, update the host key ` +
      'fingerprint; otherwise do not connect: someone may be intercepting the connection',
    false,
  );
}

/** An SFTP request failure (listing, stat, read) → ConnectorError naming the path. */
export function sftpError(error: unknown, what: string): ConnectorError {
  const { code } = (error ?? {}) as Ssh2Error;
  if (code === SFTP_NO_SUCH_FILE) {
    return new ConnectorError('not_found', `${what}: no such file or directory`, false);
  }
  if (code === SFTP_PERMISSION_DENIED) {
    return new ConnectorError(
      'forbidden',
      `${what}: permission denied; give the SFTP user read access`,
      false,
    );
  }
  return new ConnectorError('unavailable', `${what} failed on the SFTP server`, true);
}
