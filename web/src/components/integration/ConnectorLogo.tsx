import type { CSSProperties } from 'react';
import { initials, tileHue } from './words.ts';

/** An HRIS "logo": its initials on a calm colour (no vendor artwork is shipped or fetched). */
export function ConnectorLogo({
  id,
  name,
  size = 'md',
}: {
  id: string;
  name: string;
  size?: 'md' | 'lg';
}) {
  const style = { '--logo-hue': String(tileHue(id)) } as CSSProperties;
  return (
    <span className={`connector-logo connector-logo-${size}`} style={style} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
