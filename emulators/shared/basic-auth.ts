/** HTTP Basic credentials as the emulators read them (RFC 7617: `Basic base64(user:password)`). */

/** The decoded `user:password` of a Basic header, or null when the header is absent or not Basic. */
export function basicDecoded(header: string | undefined): string | null {
  const match = header ? /^Basic\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) return null;
  return Buffer.from(match[1], 'base64').toString('utf8');
}

export interface BasicCredentials {
  username: string;
  password: string;
}

/** The credentials of a Basic header, or null when it is absent, not Basic, or has no colon. */
export function basicCredentials(header: string | undefined): BasicCredentials | null {
  const decoded = basicDecoded(header);
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded === null || colon === -1) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
