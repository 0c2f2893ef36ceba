// Host-key questions from the pool's gate to the user and back: trust, reject, timeout (a
// reject), an abandoned connection, one dialog for the same question asked twice, and the hard
// stop on a changed key (only "reject" accepted, nothing saved). The gate and the known-hosts
// store are the core's own; only the person is simulated, through hostkey.answer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostKeyPromptView } from '../../../../core/ipc/contract';
import { sha256Fingerprint } from '../../../../core/ssh/fingerprint';
import { HostKeyGate } from '../../../../core/ssh/host-key-gate';
import { KnownHostsStore } from '../../../../core/ssh/known-hosts';
import type { AnyEvent } from '../../../../electron/handlers/event-bus';
import { EventBus } from '../../../../electron/handlers/event-bus';
import { HostKeyPrompts } from '../../../../electron/handlers/fleet/hostkey-prompts';
import type { FleetSetup } from './fleet-setup';
import { fleetSetup } from './fleet-setup';
import { ed25519Pair } from '../../../fixtures/ssh-keys';

function hostKeyBlob(): Buffer {
  const pair = ed25519Pair();
  const k = ssh2.utils.parseKey(pair.public) as ParsedKey;
  return k.getPublicSSH();
}

function setup(timeoutMs = 60_000) {
  const events: AnyEvent[] = [];
  const bus = new EventBus();
  bus.subscribe((e) => events.push(e));
  let n = 0;
  const prompts = new HostKeyPrompts({ events: bus, timeoutMs, newId: () => `p${++n}` });
  const opened = () =>
    events.filter((e) => e.name === 'hostkey.prompt').map((e) => e.payload as HostKeyPromptView);
  const closed = () => events.filter((e) => e.name === 'hostkey.closed').map((e) => e.payload);
  return { prompts, events, opened, closed };
}

const question = {
  domain: 'mgmt',
  name: 'c1',
  host: '10.0.0.1',
  port: 22,
  keyType: 'ssh-ed25519',
  fingerprint: `SHA256:${'A'.repeat(43)}`,
};

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paddock-hostkey-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('HostKeyPrompts', () => {
  it('trust: the waiting connection is told yes, and the dialog closes', async () => {
    const s = setup();
    const answer = s.prompts.confirmUnknownHost(question, new AbortController().signal);
    expect(s.opened()).toEqual([
      expect.objectContaining({
        promptId: 'p1',
        kind: 'unknown',
        container: 'c1',
        fingerprint: question.fingerprint,
      }),
    ]);
    expect(s.prompts.pending()).toHaveLength(1);
    s.prompts.answer('p1', 'trust');
    await expect(answer).resolves.toBe(true);
    expect(s.closed()).toEqual([{ promptId: 'p1', reason: 'answered' }]);
    expect(s.prompts.pending()).toEqual([]);
    expect(() => s.prompts.answer('p1', 'trust')).toThrow(/no longer open/);
  });

  it('reject: no', async () => {
    const s = setup();
    const answer = s.prompts.confirmUnknownHost(question, new AbortController().signal);
    s.prompts.answer('p1', 'reject');
    await expect(answer).resolves.toBe(false);
  });

  it('no answer in time counts as reject', async () => {
    const s = setup(50);
    await expect(s.prompts.confirmUnknownHost(question, new AbortController().signal)).resolves.toBe(false);
    expect(s.closed()).toEqual([{ promptId: 'p1', reason: 'timeout' }]);
    expect(() => s.prompts.answer('p1', 'trust')).toThrow(/no longer open/);
  });

  it('an abandoned connection attempt closes its dialog', async () => {
    const s = setup();
    const ac = new AbortController();
    const answer = s.prompts.confirmUnknownHost(question, ac.signal);
    ac.abort();
    await expect(answer).resolves.toBe(false);
    expect(s.closed()).toEqual([{ promptId: 'p1', reason: 'cancelled' }]);
  });

  it('the same question asked twice at once is one dialog; one answer serves both', async () => {
    const s = setup();
    const a = s.prompts.confirmUnknownHost(question, new AbortController().signal);
    const ac = new AbortController();
    const b = s.prompts.confirmUnknownHost(question, ac.signal);
    expect(s.opened()).toHaveLength(1);
    // One of the two giving up leaves the dialog open for the other.
    ac.abort();
    await expect(b).resolves.toBe(false);
    expect(s.closed()).toEqual([]);
    s.prompts.answer('p1', 'trust');
    await expect(a).resolves.toBe(true);
  });

  it('a changed key is a hard stop: "trust" is refused, "reject" closes it', () => {
    const s = setup();
    const known = [{ keyType: 'ssh-ed25519', fingerprint: `SHA256:${'B'.repeat(43)}` }];
    s.prompts.reportChangedKey({ ...question, known });
    s.prompts.reportChangedKey({ ...question, known });
    expect(s.opened()).toEqual([
      expect.objectContaining({ kind: 'changed', knownFingerprint: known[0]?.fingerprint, known }),
    ]);
    expect(() => s.prompts.answer('p1', 'trust')).toThrow(/CHANGED: it cannot be trusted/);
    expect(s.prompts.pending()).toHaveLength(1);
    s.prompts.answer('p1', 'reject');
    expect(s.closed()).toEqual([{ promptId: 'p1', reason: 'answered' }]);
  });
});

describe('with the core host-key gate and known-hosts store', () => {
  function gate(prompts: HostKeyPrompts, store: KnownHostsStore) {
    return new HostKeyGate({
      store,
      prompt: prompts,
      label: 'mgmt/c1',
      domain: 'mgmt',
      name: 'c1',
      host: '10.0.0.1',
      port: 22,
      signal: new AbortController().signal,
    });
  }
  const verify = (g: HostKeyGate, blob: Buffer) =>
    new Promise<boolean>((resolve) => g.verifier(blob, resolve));

  it('unknown host: trusted only after "trust", saved only after the handshake commits', async () => {
    const s = setup();
    const store = new KnownHostsStore(path.join(dir, 'a.json'), 'mgmt');
    const blob = hostKeyBlob();
    const g = gate(s.prompts, store);
    const decided = verify(g, blob);
    await expect.poll(() => s.opened().length).toBe(1);
    expect(s.opened()[0]?.fingerprint).toBe(sha256Fingerprint(blob));
    expect(await store.list()).toEqual([]);
    s.prompts.answer(s.opened()[0]?.promptId ?? '', 'trust');
    expect(await decided).toBe(true);
    expect(await store.list()).toEqual([]);
    await g.commit();
    expect((await store.list()).map((e) => e.fingerprint)).toEqual([sha256Fingerprint(blob)]);
  });

  it('rejected: refused and nothing saved', async () => {
    const s = setup();
    const store = new KnownHostsStore(path.join(dir, 'b.json'), 'mgmt');
    const g = gate(s.prompts, store);
    const decided = verify(g, hostKeyBlob());
    await expect.poll(() => s.opened().length).toBe(1);
    s.prompts.answer(s.opened()[0]?.promptId ?? '', 'reject');
    expect(await decided).toBe(false);
    await g.commit();
    expect(await store.list()).toEqual([]);
    expect(g.failure?.code).toBe('host-key-refused');
  });

  it('changed key: refused without asking, the dialog shows old and new, and nothing is saved', async () => {
    const s = setup();
    const store = new KnownHostsStore(path.join(dir, 'c.json'), 'mgmt');
    const old = hostKeyBlob();
    await store.add(
      '10.0.0.1',
      22,
      { keyType: 'ssh-ed25519', fingerprint: sha256Fingerprint(old) },
      'accepted',
    );
    const before = await store.list();
    const g = gate(s.prompts, store);
    const fresh = hostKeyBlob();
    expect(await verify(g, fresh)).toBe(false);
    expect(g.failure?.code).toBe('host-key-changed');
    const p = s.opened()[0];
    expect(p).toMatchObject({
      kind: 'changed',
      fingerprint: sha256Fingerprint(fresh),
      knownFingerprint: sha256Fingerprint(old),
    });
    expect(() => s.prompts.answer(p?.promptId ?? '', 'trust')).toThrow(/cannot be trusted/);
    await g.commit();
    expect(await store.list()).toEqual(before);
  });
});

describe('hostkey.* requests', () => {
  let t: FleetSetup;
  beforeAll(async () => {
    t = await fleetSetup();
  });
  afterAll(() => t.dispose());

  it('validates answers and reports what is pending', async () => {
    expect(await t.ok('hostkey.pending', {})).toEqual([]);
    expect((await t.fail('hostkey.answer', { promptId: 'x', decision: 'maybe' as 'trust' })).code).toBe(
      'invalid-request',
    );
    expect(await t.fail('hostkey.answer', { promptId: 'nope', decision: 'trust' })).toMatchObject({
      code: 'not-found',
    });
  });
});
