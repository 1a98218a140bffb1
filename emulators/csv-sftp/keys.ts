import ssh2 from 'ssh2';

/**
 * A fresh ed25519 key pair in OpenSSH format that ssh2 can read back. ssh2 1.17's generator now
 * and then (about 1 in 500) writes a private key its own parser rejects as "Malformed OpenSSH
 * private key"; such a pair is thrown away and another generated.
 */
export function generateEd25519KeyPair(): { private: string; public: string } {
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair;
  }
  throw new Error('ssh2 could not generate a readable ed25519 key in 20 attempts');
}
