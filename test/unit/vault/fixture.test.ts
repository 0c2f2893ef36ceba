// Format stability: a vault sealed by an earlier build (checked in) must keep opening.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePrivateKey } from '../../../core/vault/key-material';
import { DomainVault } from '../../../core/vault/domain-vault';
import type { CredentialInfo } from '../../../core/vault/credential';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/vault');

describe('checked-in fixture vault', () => {
  it('opens with its known passphrase and holds the recorded credentials', { timeout: 60_000 }, async () => {
    const expected = JSON.parse(await readFile(path.join(FIXTURES, 'fixture.expected.json'), 'utf8')) as {
      domain: string;
      passphrase: string;
      credentials: CredentialInfo[];
    };
    // Work on a copy: opening never writes, but a failing test must not damage the fixture.
    const dir = await mkdtemp(path.join(tmpdir(), 'paddock-fixture-'));
    try {
      const file = path.join(dir, 'fixture.vault');
      await copyFile(path.join(FIXTURES, 'fixture.vault'), file);
      const v = new DomainVault(expected.domain, file);
      await v.unlock(expected.passphrase);
      expect(v.list()).toEqual(expected.credentials);
      const key = v.resolveSecret('fixture-key');
      if (key.kind !== 'private-key') throw new Error('fixture-key is not a key');
      expect(describePrivateKey('fixture-key', key.key).fingerprint).toBe(
        expected.credentials[0]?.fingerprint,
      );
      const pw = v.resolveSecret('fixture-password');
      expect(pw.kind === 'password' && pw.password.toString()).toBe('hunter2-fixture');
      v.lock();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
