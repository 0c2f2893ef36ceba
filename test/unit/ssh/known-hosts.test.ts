import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import ssh2 from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobKeyType, sha256Fingerprint } from '../../../core/ssh/fingerprint';
import { KnownHostsStore, judgeHostKey } from '../../../core/ssh/known-hosts';
import type { KnownHostEntry } from '../../../core/ssh/known-hosts';
import {
  hostMatches,
  importKnownHostsFile,
  importOpenSshKnownHosts,
  parseOpenSshKnownHosts,
} from '../../../core/ssh/openssh-known-hosts';
import { ed25519Pair } from '../../fixtures/ssh-keys';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paddock-kh-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function hostKey(type: 'ed25519' | 'ecdsa') {
  const pub = (type === 'ecdsa' ? ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 }) : ed25519Pair())
    .public;
  const [t = '', b64 = ''] = pub.split(' ');
  return { line: `${t} ${b64}`, keyType: t, fingerprint: sha256Fingerprint(Buffer.from(b64, 'base64')) };
}

const entry = (over: Partial<KnownHostEntry>): KnownHostEntry => ({
  host: 'h',
  port: 22,
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:' + 'A'.repeat(43),
  addedAt: '',
  source: 'accepted',
  ...over,
});

describe('fingerprints', () => {
  it('match ssh-keygen -l for the same key', async () => {
    const k = hostKey('ed25519');
    const file = path.join(dir, 'k.pub');
    await writeFile(file, `${k.line} c\n`);
    const out = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], { encoding: 'utf8' });
    expect(out.split(' ')[1]).toBe(k.fingerprint);
    expect(blobKeyType(Buffer.from(k.line.split(' ')[1] ?? '', 'base64'))).toBe('ssh-ed25519');
    expect(blobKeyType(Buffer.from([0, 0, 0, 200, 1]))).toBeNull();
  });
});

describe('judgeHostKey', () => {
  const fp = (c: string) => `SHA256:${c.repeat(43)}`;
  it('matches, reports unknown hosts, and treats any other key as a change', () => {
    const known = [entry({ fingerprint: fp('A') })];
    expect(judgeHostKey([], { keyType: 'ssh-ed25519', fingerprint: fp('A') })).toEqual({ kind: 'unknown' });
    expect(judgeHostKey(known, { keyType: 'ssh-ed25519', fingerprint: fp('A') })).toEqual({ kind: 'match' });
    expect(judgeHostKey(known, { keyType: 'ssh-ed25519', fingerprint: fp('B') }).kind).toBe('changed');
    // Known only by another type: a mismatch, never "unknown".
    expect(judgeHostKey(known, { keyType: 'ecdsa-sha2-nistp256', fingerprint: fp('C') })).toEqual({
      kind: 'changed',
      known: [{ keyType: 'ssh-ed25519', fingerprint: fp('A') }],
    });
    // Same fingerprint under another type name is still not a match.
    expect(judgeHostKey(known, { keyType: 'ssh-rsa', fingerprint: fp('A') }).kind).toBe('changed');
  });

  it('is "unknown" only when nothing is known, for any presented key', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ t: fc.constantFrom('ssh-ed25519', 'ssh-rsa'), c: fc.constantFrom('A', 'B', 'C') }),
        ),
        fc.constantFrom('A', 'B', 'C'),
        (ks, c) => {
          const known = ks.map((k) => entry({ keyType: k.t, fingerprint: fp(k.c) }));
          const v = judgeHostKey(known, { keyType: 'ssh-ed25519', fingerprint: fp(c) });
          expect(v.kind === 'unknown').toBe(known.length === 0);
          expect(v.kind === 'match').toBe(ks.some((k) => k.t === 'ssh-ed25519' && k.c === c));
        },
      ),
    );
  });
});

describe('KnownHostsStore', () => {
  it('adds, persists atomically, normalises hosts and refuses silent replacement', async () => {
    const file = path.join(dir, 'sub', 'mgmt.json');
    const s = new KnownHostsStore(file, 'mgmt');
    const k = hostKey('ed25519');
    expect(await s.add('Host.Example', 2222, k, 'accepted')).toBe('added');
    expect(await s.add('host.example', 2222, k, 'accepted')).toBe('present');
    await expect(s.add('host.example', 2222, hostKey('ed25519'), 'accepted')).rejects.toThrow(
      /already known with ssh-ed25519/,
    );
    const again = new KnownHostsStore(file, 'mgmt');
    expect((await again.lookup('HOST.example', 2222)).map((e) => e.fingerprint)).toEqual([k.fingerprint]);
    expect(await again.lookup('host.example', 22)).toEqual([]);
    expect(await again.remove('host.example', 2222)).toBe(1);
    expect(await new KnownHostsStore(file, 'mgmt').list()).toEqual([]);
  });

  it('reports a damaged or foreign file with its name and the bad entry', async () => {
    const file = path.join(dir, 'x.json');
    await writeFile(file, '{"version":1,"domain":"mgmt","hosts":[{"host":"h","port":70000}]}');
    await expect(new KnownHostsStore(file, 'mgmt').load()).rejects.toThrow(/x\.json: hosts\.0\.port/);
    await writeFile(file, 'nope');
    await expect(new KnownHostsStore(file, 'mgmt').load()).rejects.toThrow(/x\.json: not valid JSON/);
    await writeFile(file, '{"version":1,"domain":"teaching","hosts":[]}');
    await expect(new KnownHostsStore(file, 'mgmt').load()).rejects.toThrow(/belongs to domain "teaching"/);
  });
});

describe('OpenSSH known_hosts', () => {
  it('matches plain, [host]:port, wildcard, negated and hashed entries like OpenSSH', async () => {
    const file = path.join(dir, 'known_hosts');
    const a = hostKey('ed25519');
    await writeFile(file, `10.0.0.5 ${a.line}\n[10.0.0.6]:2222 ${a.line}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const hashed = await readFile(file, 'utf8');
    const { entries } = parseOpenSshKnownHosts(hashed);
    expect(entries).toHaveLength(2);
    expect(hostMatches(entries[0]?.patterns ?? [], '10.0.0.5', 22)).toBe(true);
    expect(hostMatches(entries[0]?.patterns ?? [], '10.0.0.5', 2222)).toBe(false);
    expect(hostMatches(entries[1]?.patterns ?? [], '10.0.0.6', 2222)).toBe(true);
    expect(hostMatches(entries[1]?.patterns ?? [], '10.0.0.6', 22)).toBe(false);
    expect(hostMatches(['*.lab', '!bad.lab'], 'good.lab', 22)).toBe(true);
    expect(hostMatches(['*.lab', '!bad.lab'], 'bad.lab', 22)).toBe(false);
    expect(hostMatches(['c?.lab'], 'C1.LAB', 22)).toBe(true);
    expect(hostMatches(['[c1.lab]:*'], 'c1.lab', 2200)).toBe(true);
    expect(hostMatches(['c1.lab'], 'c1xlab', 22)).toBe(false);
  });

  it('reports bad lines with their numbers and skips revoked keys', async () => {
    const a = hostKey('ed25519');
    const b = hostKey('ecdsa');
    const text = [
      '# comment',
      `h1 ${a.line}`,
      `h1 ${b.line}`,
      `@revoked h1 ${b.line}`,
      'h2 ssh-ed25519 !!!notbase64',
      `h3 ssh-rsa ${a.line.split(' ')[1]}`,
      `@weird h4 ${a.line}`,
      'h5',
    ].join('\n');
    const store = new KnownHostsStore(path.join(dir, 'd.json'), 'd');
    const r = await importOpenSshKnownHosts(store, text, [{ host: 'h1', port: 22 }]);
    expect(r.imported.map((i) => i.fingerprint)).toEqual([a.fingerprint]);
    expect(r.skipped.map((s) => s.reason)).toEqual(['key is also marked @revoked', 'key is marked @revoked']);
    expect(r.problems.map((p) => p.line)).toEqual([5, 6, 7, 8]);
    expect(r.problems[1]?.reason).toMatch(/does not match the key's own type ssh-ed25519/);
    const again = await importOpenSshKnownHosts(store, text, [{ host: 'h1', port: 22 }]);
    expect(again.alreadyKnown).toBe(1);
  });

  it('imports from a file, and treats an absent file as empty', async () => {
    const store = new KnownHostsStore(path.join(dir, 'd.json'), 'd');
    const k = hostKey('ed25519');
    const file = path.join(dir, 'kh');
    await writeFile(file, `[h9]:2200 ${k.line}\n`);
    expect((await importKnownHostsFile(store, [{ host: 'h9', port: 2200 }], file)).imported).toHaveLength(1);
    expect(
      (await importKnownHostsFile(store, [{ host: 'h9', port: 2200 }], path.join(dir, 'absent'))).imported,
    ).toEqual([]);
  });

  it('never lets an import replace a key the store already trusts', async () => {
    const store = new KnownHostsStore(path.join(dir, 'd.json'), 'd');
    const mine = hostKey('ed25519');
    await store.add('h1', 22, mine, 'accepted');
    const r = await importOpenSshKnownHosts(store, `h1 ${hostKey('ed25519').line}\n`, [
      { host: 'h1', port: 22 },
    ]);
    expect(r.imported).toEqual([]);
    expect(r.conflicts).toHaveLength(1);
    expect((await store.lookup('h1', 22)).map((e) => e.fingerprint)).toEqual([mine.fingerprint]);
  });
});
