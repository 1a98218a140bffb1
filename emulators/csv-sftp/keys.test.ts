import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from './keys.ts';

describe('generateEd25519KeyPair', () => {
  it('only returns pairs whose private key ssh2 parses (its generator sometimes does not)', () => {
    for (let i = 0; i < 300; i += 1) {
      const pair = generateEd25519KeyPair();
      expect(ssh2.utils.parseKey(pair.private)).not.toBeInstanceOf(Error);
      expect(pair.public).toMatch(/^ssh-ed25519 /);
    }
  });
});
