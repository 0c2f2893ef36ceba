// Teardown removes everything the lab created, is idempotent, and cleans up after a start-up
// that was killed half-way (from the state file alone). Skipped when a person's lab
// (`npm run lab`) is running: it is theirs to stop.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, LAB_BRIDGE, POOL_ROOT, REPO_ROOT } from '../../lab/config';
import { alive, sleep } from '../../lab/exec';
import { acquireLab } from '../../lab/shared';
import { readState, stateFile, type LabState } from '../../lab/state';
import { teardown } from '../../lab/teardown';

const stateDir = DEFAULT_OPTIONS.stateDir;

function recordedPids(st: LabState): number[] {
  return st.hosts
    .flatMap((h) => [h.anchorPid, h.pids.sshd, h.pids.virtlogd, h.pids.libvirtd])
    .filter((p): p is number => typeof p === 'number');
}

function expectNothingLeft(st: LabState): void {
  for (const h of st.hosts) {
    expect(existsSync(`/run/netns/${h.netns}`), h.netns).toBe(false);
    expect(existsSync(`/sys/class/net/${h.veth}`), h.veth).toBe(false);
  }
  expect(existsSync(`/sys/class/net/${LAB_BRIDGE}`)).toBe(false);
  expect(recordedPids(st).filter(alive)).toEqual([]);
  expect(existsSync(POOL_ROOT)).toBe(false);
  expect(existsSync(stateFile(stateDir))).toBe(false);
}

const personsLab = (await readState(stateDir).catch(() => undefined))?.persistent === true;

describe.skipIf(personsLab)('lab teardown', () => {
  it('removes everything, and a second teardown finds nothing to do', async () => {
    const st = await acquireLab({ stateDir });
    const report = await teardown(stateDir);
    expect(report.problems).toEqual([]);
    expect(report.removed).toContain(`bridge ${LAB_BRIDGE}`);
    expectNothingLeft(st);
    expect(await teardown(stateDir)).toEqual({ removed: [], problems: [] });
  });

  it('cleans up after a start-up killed half-way', async () => {
    const child = spawn(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        path.join(REPO_ROOT, 'test', 'lab', 'cli.ts'),
        'start',
      ],
      {
        cwd: REPO_ROOT,
        stdio: 'ignore',
        detached: true,
      },
    );
    // Wait until the hosts are half built (anchors and daemons recorded), then kill -9.
    let st: LabState | undefined;
    for (let i = 0; i < 600; i++) {
      st = await readState(stateDir).catch(() => undefined);
      if (st?.hosts.some((h) => h.pids.libvirtd)) break;
      await sleep(100);
    }
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
    expect(st?.ready).toBe(false);
    const crashed = (await readState(stateDir)) as LabState;
    expect(crashed.hosts.length).toBeGreaterThan(0);
    const report = await teardown(stateDir);
    expect(report.problems).toEqual([]);
    expectNothingLeft(crashed);
  });
});
