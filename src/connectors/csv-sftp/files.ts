/** One directory entry as the SFTP server lists it. */
export interface RemoteFile {
  name: string;
  /** Bytes. */
  size: number;
  /** Modification time, seconds since the epoch (SFTP v3 precision). */
  mtime: number;
  /** A regular file (not a directory, link or device). */
  isFile: boolean;
}

/**
 * A file-name pattern: `*` is any run of characters, `?` one character, everything else literal
 * (case-sensitive, like the SFTP server's file names). No `/`: the pattern names files of one
 * directory.
 */
export function isValidPattern(pattern: string): boolean {
  return pattern !== '' && !pattern.includes('/') && pattern.trim() === pattern;
}

export function globToRegExp(pattern: string): RegExp {
  const body = [...pattern]
    .map((char) => {
      if (char === '*') return '.*';
      if (char === '?') return '.';
      return char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`, 'u');
}

/**
 * The file to import: the most recently modified regular file whose name matches the pattern.
 * Hidden files (`.employees_x.csv`, as some uploaders write before renaming) never match. On equal
 * modification times the name that sorts last wins (`employees_20260615` over `…0614`), so the
 * choice is deterministic.
 */
export function newestMatch(files: readonly RemoteFile[], pattern: string): RemoteFile | undefined {
  const regex = globToRegExp(pattern);
  let best: RemoteFile | undefined;
  for (const file of files) {
    if (!file.isFile || file.name.startsWith('.') || !regex.test(file.name)) continue;
    if (!best || file.mtime > best.mtime || (file.mtime === best.mtime && file.name > best.name)) {
      best = file;
    }
  }
  return best;
}
