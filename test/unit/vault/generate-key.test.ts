// Generated keys are always usable: ssh2's generator writes an unreadable ed25519 key about once
// in 250 (a leading zero byte of the public key dropped), so without the retry in
// generateEd25519 a few thousand keys practically always include a broken one.
import { describe, expect, it } from 'vitest';
import { describePrivateKey, generateEd25519 } from '../../../core/vault/key-material';

describe('generateEd25519', () => {
  it('gives keys that read back, every time', () => {
    const fingerprints = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const d = describePrivateKey('gen', generateEd25519('test'));
      expect(d.keyType).toBe('ssh-ed25519');
      fingerprints.add(d.fingerprint);
    }
    expect(fingerprints.size).toBe(3000);
  });
});
