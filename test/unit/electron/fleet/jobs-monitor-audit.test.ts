// Jobs, access monitoring and the audit log through the handlers: a connection test is a job
// with progress events that can be cancelled; every attempt is in the audit log, filterable and
// newest first, and announced as it is written; monitoring is started, stopped, re-timed and
// reports per container.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../../../core/ipc/contract';
import type { FleetSetup } from './fleet-setup';
import { PASS_MGMT, PASS_TEACH, countingListener, fleetSetup, silentListener } from './fleet-setup';

let t: FleetSetup;
let refusing: Awaited<ReturnType<typeof countingListener>>;
let hanging: Awaited<ReturnType<typeof silentListener>>;

beforeAll(async () => {
  refusing = await countingListener();
  hanging = await silentListener();
  t = await fleetSetup({
    ports: { mgmt: refusing.port, teach: hanging.port },
    fleet: { pool: { connectTimeoutMs: 20_000 } },
  });
  await t.ok('vault.create', { domain: 'mgmt', passphrase: PASS_MGMT });
  await t.ok('vault.addPassword', { domain: 'mgmt', name: 'pw', password: 'mgmt password 1' });
  await t.ok('vault.create', { domain: 'teach', passphrase: PASS_TEACH });
  await t.ok('vault.addPassword', { domain: 'teach', name: 'pw', password: 'teach password 1' });
}, 120_000);

afterAll(async () => {
  await t?.dispose();
  await refusing?.close();
  await hanging?.close();
});

const jobEvents = (id: string): JobView[] =>
  t.events.flatMap((e) => (e.name === 'job.updated' && e.payload.id === id ? [e.payload] : []));

describe('connection tests as jobs', () => {
  it('reports progress and fails with the reason; the attempt is audited', async () => {
    const { jobId } = await t.ok('ssh.testConnection', { container: 'mgmt-c1' });
    await expect.poll(() => jobEvents(jobId).at(-1)?.state, { timeout: 20_000 }).toBe('failed');
    const states = jobEvents(jobId).map((j) => j.state);
    expect(states[0]).toBe('queued');
    expect(states).toContain('running');
    expect(jobEvents(jobId).some((j) => j.message?.startsWith('Connecting to root@127.0.0.1:'))).toBe(true);
    const last = jobEvents(jobId).at(-1);
    expect(last?.error).toMatch(/mgmt\/mgmt-c1: /);
    expect((await t.ok('jobs.list', {})).find((j) => j.id === jobId)?.state).toBe('failed');

    const appended = t.events.filter((e) => e.name === 'audit.appended');
    expect(appended.at(-1)?.payload).toMatchObject({
      domain: 'mgmt',
      host: 'mgmt-c1',
      argv: ['uname', '-n'],
    });
  }, 60_000);

  it('cancel stops a job that is stuck connecting', async () => {
    const { jobId } = await t.ok('ssh.testConnection', { container: 'teach-c1' });
    await expect.poll(() => jobEvents(jobId).at(-1)?.state, { timeout: 10_000 }).toBe('running');
    const started = Date.now();
    expect(await t.ok('jobs.cancel', { id: jobId })).toEqual({ cancelled: true });
    await expect.poll(() => jobEvents(jobId).at(-1)?.state, { timeout: 5_000 }).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await t.ok('jobs.cancel', { id: jobId })).toEqual({ cancelled: false });
    expect((await t.fail('jobs.cancel', { id: 'job-999' })).code).toBe('not-found');
  }, 60_000);
});

describe('audit.query', () => {
  it('filters by domain, host, text and time, newest first', async () => {
    const all = await t.ok('audit.query', {});
    expect(all.records.length).toBeGreaterThanOrEqual(2);
    const times = all.records.map((r) => Date.parse(r.time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const mgmt = await t.ok('audit.query', { domain: 'mgmt' });
    expect(mgmt.records.length).toBeGreaterThan(0);
    expect(mgmt.records.every((r) => r.domain === 'mgmt')).toBe(true);
    expect(
      (await t.ok('audit.query', { host: 'teach-c1' })).records.every((r) => r.host === 'teach-c1'),
    ).toBe(true);
    expect((await t.ok('audit.query', { text: 'UNAME' })).records.length).toBe(all.records.length);
    expect((await t.ok('audit.query', { text: 'no such thing' })).records).toEqual([]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await t.ok('audit.query', { since: future })).records).toEqual([]);
    expect((await t.ok('audit.query', { until: future, limit: 1 })).records).toHaveLength(1);
    expect((await t.ok('audit.query', { until: future, limit: 1 })).truncated).toBe(true);
    expect((await t.fail('audit.query', { since: 'yesterday' })).code).toBe('invalid-request');
    expect((await t.fail('audit.query', { limit: 0 })).code).toBe('invalid-request');
  });
});

describe('monitor.*', () => {
  it('starts, stops, changes the interval and checks on demand', async () => {
    const s = await t.ok('monitor.status', {});
    expect(s).toMatchObject({ running: false, intervalSeconds: 300 });
    expect(s.hosts.map((h) => h.name)).toEqual(['mgmt-c1', 'teach-c1']);
    expect((await t.fail('monitor.interval', { seconds: 5 })).code).toBe('invalid-request');
    expect(await t.ok('monitor.interval', { seconds: 60 })).toMatchObject({
      running: false,
      intervalSeconds: 60,
    });
    expect((await t.ok('monitor.start', {})).running).toBe(true);
    // The first round starts at once: the refusing host fails, with its reason.
    await expect
      .poll(
        () =>
          t.events.some(
            (e) =>
              e.name === 'monitor.changed' && e.payload.name === 'mgmt-c1' && e.payload.state === 'failing',
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
    const re = await t.ok('monitor.interval', { seconds: 120 });
    expect(re).toMatchObject({ running: true, intervalSeconds: 120 });
    // A new monitor took over and kept what was known.
    expect(re.hosts.find((h) => h.name === 'mgmt-c1')?.lastFailure?.reason).toBeTruthy();
    expect((await t.ok('monitor.stop', {})).running).toBe(false);
    // Both locked: nothing is probed (the hanging host would otherwise take its full timeout).
    await t.ok('vault.lockAll', {});
    const now = await t.ok('monitor.checkNow', {});
    expect(now.hosts.find((h) => h.name === 'mgmt-c1')).toMatchObject({
      state: 'skipped',
      lastFailure: { code: 'vault-locked' },
    });
  }, 90_000);
});
