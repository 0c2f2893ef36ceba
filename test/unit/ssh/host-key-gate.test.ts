// The host key decision as ssh2 drives it (verifier callback), without a network: every path
// ends in exactly one verify(true|false), and a key is saved only on commit().
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostKeyChangedError } from '../../../core/ssh/errors';
import { sha256Fingerprint } from '../../../core/ssh/fingerprint';
import type { HostKeyPrompt } from '../../../core/ssh/host-key-gate';
import { HostKeyGate, hostKeyAlgorithms } from '../../../core/ssh/host-key-gate';
import { KnownHostsStore } from '../../../core/ssh/known-hosts';

let dir = '';
let store: KnownHostsStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paddock-gate-'));
  store = new KnownHostsStore(path.join(dir, 'kh.json'), 'mgmt');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const blob = () =>
  Buffer.from(ssh2.utils.generateKeyPairSync('ed25519').public.split(' ')[1] ?? '', 'base64');

function gate(prompt: HostKeyPrompt | null, signal = new AbortController().signal) {
  return new HostKeyGate({
    store,
    prompt,
    label: 'mgmt/c1',
    domain: 'mgmt',
    name: 'c1',
    host: '10.0.0.1',
    port: 22,
    signal,
  });
}
const decide = (g: HostKeyGate, key: Buffer) => new Promise<boolean>((resolve) => g.verifier(key, resolve));
const prompt = (answer: () => Promise<boolean>): HostKeyPrompt & { asked: number } => {
  const p = { asked: 0, confirmUnknownHost: () => (p.asked++, answer()) };
  return p;
};

describe('HostKeyGate', () => {
  it('unknown + accepted: proceeds, and saves only on commit', async () => {
    const key = blob();
    const p = prompt(() => Promise.resolve(true));
    const g = gate(p);
    expect(await decide(g, key)).toBe(true);
    expect(p.asked).toBe(1);
    expect(await store.lookup('10.0.0.1', 22)).toEqual([]);
    await g.commit();
    expect((await store.lookup('10.0.0.1', 22))[0]).toMatchObject({
      fingerprint: sha256Fingerprint(key),
      source: 'accepted',
    });
    // A re-key presenting the same key is not asked again.
    expect(await decide(g, key)).toBe(true);
    expect(p.asked).toBe(1);
  });

  it('unknown + refused, prompt failure, or abort: refused and never saved', async () => {
    for (const answer of [() => Promise.resolve(false), () => Promise.reject(new Error('dialog crashed'))]) {
      const g = gate(prompt(answer));
      expect(await decide(g, blob())).toBe(false);
      expect(g.failure?.code).toBe('host-key-refused');
      await g.commit();
    }
    const ac = new AbortController();
    const g = gate(
      prompt(() => new Promise((r) => setTimeout(() => r(true), 50))),
      ac.signal,
    );
    const pending = decide(g, blob());
    ac.abort();
    expect(await pending).toBe(false);
    await g.commit();
    expect(await store.list()).toEqual([]);
  });

  it('no prompt (headless): unknown hosts are refused without asking', async () => {
    const g = gate(null);
    expect(await decide(g, blob())).toBe(false);
    expect(g.failure?.code).toBe('host-key-unknown');
  });

  it('changed key: refused without asking, with both fingerprints, reported to the UI', async () => {
    const old = blob();
    await store.add(
      '10.0.0.1',
      22,
      { keyType: 'ssh-ed25519', fingerprint: sha256Fingerprint(old) },
      'accepted',
    );
    const reported: string[] = [];
    const p = {
      ...prompt(() => Promise.resolve(true)),
      reportChangedKey: (q: { fingerprint: string }) => void reported.push(q.fingerprint),
    };
    const g = gate(p);
    const fresh = blob();
    expect(await decide(g, fresh)).toBe(false);
    expect(p.asked).toBe(0);
    expect(g.failure).toBeInstanceOf(HostKeyChangedError);
    expect((g.failure as HostKeyChangedError).known[0]?.fingerprint).toBe(sha256Fingerprint(old));
    expect(reported).toEqual([sha256Fingerprint(fresh)]);
    expect(await decide(gate(null), old)).toBe(true);
  });

  it('rejects a malformed host key blob', async () => {
    const g = gate(prompt(() => Promise.resolve(true)));
    expect(await decide(g, Buffer.from('garbage'))).toBe(false);
    expect(g.failure?.message).toMatch(/malformed host key/);
  });

  it('offers known key types first', () => {
    expect(hostKeyAlgorithms([])?.slice(0, 1)).toEqual(['ssh-ed25519']);
    expect(hostKeyAlgorithms(['ssh-rsa'])?.slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(hostKeyAlgorithms(['ecdsa-sha2-nistp256'])?.[0]).toBe('ecdsa-sha2-nistp256');
  });
});
