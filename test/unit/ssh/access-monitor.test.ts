// Access monitoring's bookkeeping, with a scripted prober (the real one, a fresh SSH login per
// container, is exercised against real sshd in test/integration/ssh/monitor.test.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessChange, MonitoredHost, Prober } from '../../../core/monitor/access-monitor';
import { AccessMonitor } from '../../../core/monitor/access-monitor';
import type { ProbeResult } from '../../../core/ssh/pool';
import type { CredentialHandle } from '../../../core/vault/handle';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paddock-monitor-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const handle = {} as CredentialHandle<string>;
const host = (
  name: string,
  credentials: () => readonly CredentialHandle<string>[] = () => [handle],
): MonitoredHost => ({
  target: { domain: 'mgmt', name, host: '10.0.0.1', port: 22, user: 'root' },
  credentials,
});

/** Answers per container name from a script, one entry per round. */
function scripted(script: Record<string, (ProbeResult | Error)[]>): Prober & { calls: string[] } {
  const calls: string[] = [];
  const probe: Prober = async (t) => {
    calls.push(t.name);
    const r = script[t.name]?.shift() ?? new Error('no script');
    if (r instanceof Error) throw r;
    return r;
  };
  return Object.assign(probe, { calls });
}

const ok: ProbeResult = { ok: true, durationMs: 5 };
const fail = (code: string, message: string): ProbeResult => ({
  ok: false,
  durationMs: 5,
  error: { code, message },
});

describe('AccessMonitor', () => {
  it('keeps the last success and the reason of the last failure per container', async () => {
    const probe = scripted({
      a: [ok, fail('auth-failed', 'denied'), ok],
      b: [
        fail('connect-failed', 'refused'),
        fail('connect-failed', 'refused'),
        fail('connect-timeout', 'slow'),
      ],
    });
    const m = new AccessMonitor({ probe });
    m.setHosts([host('a'), host('b')]);
    expect(m.status().map((s) => s.state)).toEqual(['unknown', 'unknown']);
    const changes: AccessChange[] = [];
    m.onChange((c) => changes.push(c));

    const [a1, b1] = await m.checkNow();
    expect(a1).toMatchObject({ state: 'ok', lastFailure: null });
    expect(a1?.lastSuccessAt).toBe(a1?.lastCheckAt);
    expect(b1).toMatchObject({
      state: 'failing',
      consecutiveFailures: 1,
      lastSuccessAt: null,
      lastFailure: { code: 'connect-failed', reason: 'refused' },
    });

    const [a2, b2] = await m.checkNow();
    expect(a2).toMatchObject({
      state: 'failing',
      lastSuccessAt: a1?.lastSuccessAt,
      lastFailure: { code: 'auth-failed' },
    });
    expect(b2?.consecutiveFailures).toBe(2);

    const [a3, b3] = await m.checkNow();
    expect(a3).toMatchObject({ state: 'ok', consecutiveFailures: 0, lastFailure: { code: 'auth-failed' } });
    expect(b3?.lastFailure?.code).toBe('connect-timeout');

    // Changes: state changes and new failure reasons only (b's repeated "refused" is not one).
    expect(
      changes.map(
        (c) => `${c.status.name}:${c.previous.state}->${c.status.state}:${c.status.lastFailure?.code ?? ''}`,
      ),
    ).toEqual([
      'a:unknown->ok:',
      'b:unknown->failing:connect-failed',
      'a:ok->failing:auth-failed',
      'a:failing->ok:auth-failed',
      'b:failing->failing:connect-timeout',
    ]);
  });

  it('skips, with the reason, a container whose credential is unavailable (vault locked)', async () => {
    const probe = scripted({});
    const m = new AccessMonitor({ probe });
    m.setHosts([
      host('locked', () => {
        throw Object.assign(new Error('The vault of security domain "mgmt" is locked'), {
          code: 'vault-locked',
        });
      }),
    ]);
    const [s] = await m.checkNow();
    expect(s).toMatchObject({ state: 'skipped', lastFailure: { code: 'vault-locked' } });
    expect(probe.calls).toEqual([]);
  });

  it('turns a throwing or hanging probe into a failure, and joins overlapping rounds', async () => {
    const hang: Prober = (_t, _c, signal) =>
      new Promise((_, reject) =>
        signal.addEventListener('abort', () =>
          reject(Object.assign(new Error('timed out'), { code: 'command-timeout' })),
        ),
      );
    const m = new AccessMonitor({ probe: hang, timeoutMs: 100 });
    m.setHosts([host('slow')]);
    const r1 = m.checkNow();
    expect(m.checkNow()).toBe(r1);
    const [s] = await r1;
    expect(s).toMatchObject({ state: 'failing', lastFailure: { code: 'command-timeout' } });
  });

  it('checks at most `concurrency` containers at once', async () => {
    let now = 0;
    let peak = 0;
    const probe: Prober = async () => {
      peak = Math.max(peak, ++now);
      await new Promise((r) => setTimeout(r, 10));
      now--;
      return ok;
    };
    const m = new AccessMonitor({ probe, concurrency: 3 });
    m.setHosts(Array.from({ length: 10 }, (_, i) => host(`c${i}`)));
    const all = await m.checkNow();
    expect(all.every((s) => s.state === 'ok')).toBe(true);
    expect(peak).toBe(3);
  });

  it('repeats on its interval until stopped, and keeps state across restarts', async () => {
    const stateFile = path.join(dir, 'access.json');
    const probe = scripted({ a: [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok] });
    const m = new AccessMonitor({ probe, intervalMs: 20, stateFile });
    m.setHosts([host('a')]);
    m.start();
    await new Promise((r) => setTimeout(r, 150));
    await m.stop();
    const rounds = probe.calls.length;
    expect(rounds).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 60));
    expect(probe.calls.length).toBe(rounds);

    const again = new AccessMonitor({ probe: scripted({}), stateFile });
    await again.load();
    again.setHosts([host('a')]);
    expect(again.status()[0]).toMatchObject({ state: 'ok', lastSuccessAt: m.status()[0]?.lastSuccessAt });
  });
  describe('several credentials', () => {
    const cred = (name: string) => ({ name }) as CredentialHandle<string>;
    const creds = [cred('k1'), cred('k2'), cred('k3')];
    /** Answers per credential name; records the credentials tried. */
    const byCredential = (answers: Record<string, ProbeResult>): Prober & { tried: string[] } => {
      const tried: string[] = [];
      const probe: Prober = async (_t, c) => {
        tried.push(c.name);
        return answers[c.name] ?? fail('internal', 'unscripted');
      };
      return Object.assign(probe, { tried });
    };

    it('tries the next only after a refusal, and reports the one accepted', async () => {
      const probe = byCredential({ k1: fail('auth-failed', 'k1 refused'), k2: ok, k3: ok });
      const accepted: string[] = [];
      const m = new AccessMonitor({ probe });
      m.setHosts([{ ...host('a', () => creds), accepted: (c) => accepted.push(c.name) }]);
      const [s] = await m.checkNow();
      expect(s).toMatchObject({ state: 'ok', lastFailure: null });
      expect(probe.tried).toEqual(['k1', 'k2']);
      expect(accepted).toEqual(['k2']);
    });

    it('stops at a failure that is not a refusal: another credential would not reach the host either', async () => {
      const probe = byCredential({ k1: fail('connect-failed', 'refused'), k2: ok });
      const m = new AccessMonitor({ probe });
      m.setHosts([host('a', () => creds)]);
      const [s] = await m.checkNow();
      expect(s).toMatchObject({
        state: 'failing',
        lastFailure: { code: 'connect-failed', reason: 'refused' },
      });
      expect(probe.tried).toEqual(['k1']);
    });

    it('names every refusal when none is accepted', async () => {
      const probe = byCredential({
        k1: fail('auth-failed', 'k1 refused'),
        k2: fail('auth-failed', 'k2 refused'),
        k3: fail('auth-failed', 'k3 refused'),
      });
      const m = new AccessMonitor({ probe });
      m.setHosts([host('a', () => creds)]);
      const [s] = await m.checkNow();
      expect(s?.lastFailure).toMatchObject({
        code: 'auth-failed',
        reason: 'No credential of "mgmt" was accepted: k1 refused; k2 refused; k3 refused',
      });
      expect(probe.tried).toEqual(['k1', 'k2', 'k3']);
    });

    it('skips a container whose vault holds no credential, without connecting', async () => {
      const probe = byCredential({});
      const m = new AccessMonitor({ probe });
      m.setHosts([host('a', () => [])]);
      const [s] = await m.checkNow();
      expect(s).toMatchObject({ state: 'skipped', lastFailure: { code: 'no-credential' } });
      expect(probe.tried).toEqual([]);
    });
  });
});
