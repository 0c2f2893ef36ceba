// Teardown: remove exactly what the state file says this lab created (processes by PID, then
// namespaces, links, bridge, guard route, folders), whether the lab is healthy, half-built or
// left behind by a crashed run. Idempotent: running it twice, or on nothing, is fine.
import { existsSync } from 'node:fs';
import { readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { alive, sleep, tryRun } from './exec';
import { removeGuardRoute } from './guard-route';
import { readState, stateFile, type HostState, type LabState } from './state';

export interface TeardownReport {
  /** Things removed, in order, for the log. */
  removed: string[];
  /** Things that could not be removed, with why. */
  problems: string[];
}

const netnsExists = (name: string): boolean => existsSync(`/run/netns/${name}`);

async function netnsPids(name: string): Promise<number[]> {
  if (!netnsExists(name)) return [];
  const out = await tryRun(['ip', 'netns', 'pids', name]);
  return out.stdout
    .split(/\s+/)
    .map((s) => Number.parseInt(s, 10))
    .filter((n) => Number.isInteger(n) && n > 1);
}

/** TERM, wait, then KILL: every PID given (they are all this lab's own processes). */
async function killAll(pids: readonly number[], report: TeardownReport, label: string): Promise<void> {
  const live = pids.filter(alive);
  for (const p of live) {
    try {
      process.kill(p, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  for (let i = 0; i < 25 && live.some(alive); i++) await sleep(100);
  for (const p of live.filter(alive)) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (let i = 0; i < 20 && live.some(alive); i++) await sleep(100);
  const stuck = live.filter(alive);
  if (stuck.length) report.problems.push(`${label}: processes ${stuck.join(', ')} survived SIGKILL`);
  if (live.length) report.removed.push(`${label}: ${live.length} processes`);
}

async function teardownHost(h: HostState, report: TeardownReport): Promise<void> {
  const recorded = [h.anchorPid, h.pids.libvirtd, h.pids.virtlogd, h.pids.sshd].filter(
    (p): p is number => typeof p === 'number',
  );
  // Everything in the host's namespace is ours too: guests' QEMU, sessions, helpers.
  const inNs = await netnsPids(h.netns);
  await killAll([...new Set([...inNs, ...recorded])], report, h.name);
  if (netnsExists(h.netns)) {
    const del = await tryRun(['ip', 'netns', 'del', h.netns]);
    if (del.code === 0) report.removed.push(`netns ${h.netns}`);
    else report.problems.push(`netns ${h.netns}: ${del.stderr.trim()}`);
  }
  // The host end of the veth pair goes with the namespace, a moment later.
  for (let i = 0; i < 20 && existsSync(`/sys/class/net/${h.veth}`); i++) await sleep(50);
  if (existsSync(`/sys/class/net/${h.veth}`)) {
    const del = await tryRun(['ip', 'link', 'del', h.veth]);
    if (del.code === 0) report.removed.push(`link ${h.veth}`);
    else if (!/Cannot find device/.test(del.stderr))
      report.problems.push(`link ${h.veth}: ${del.stderr.trim()}`);
  }
}

async function removeFiles(stateDir: string, st: LabState, report: TeardownReport): Promise<void> {
  for (const d of [...st.dirs].reverse()) {
    if (!existsSync(d)) continue;
    try {
      await rmdir(d);
      report.removed.push(`dir ${d}`);
    } catch (e) {
      report.problems.push(`dir ${d}: ${(e as Error).message}`);
    }
  }
  if (!existsSync(stateDir)) return;
  for (const f of await readdir(stateDir)) {
    // The lock belongs to whoever holds it; the state file goes last.
    if (f === 'lock' || f === path.basename(stateFile(stateDir))) continue;
    await rm(path.join(stateDir, f), { recursive: true, force: true });
  }
}

/** Tear down the lab recorded in stateDir. */
export async function teardown(stateDir: string): Promise<TeardownReport> {
  const report: TeardownReport = { removed: [], problems: [] };
  const st = await readState(stateDir);
  if (!st) return report;
  await Promise.all(st.hosts.map((h) => teardownHost(h, report)));
  if (st.bridge && existsSync(`/sys/class/net/${st.bridge}`)) {
    const del = await tryRun(['ip', 'link', 'del', st.bridge]);
    if (del.code === 0) report.removed.push(`bridge ${st.bridge}`);
    else report.problems.push(`bridge ${st.bridge}: ${del.stderr.trim()}`);
  }
  if (st.routeOwned) {
    if (await removeGuardRoute()) report.removed.push('guard route');
    else report.problems.push('guard route kept: another lab still has routes in the lab range');
  }
  await removeFiles(stateDir, st, report);
  // Only forget the lab once nothing recorded is left, so a retry can finish the job.
  const leftovers = st.hosts.filter((h) => netnsExists(h.netns) || alive(h.anchorPid));
  if (leftovers.length === 0) await rm(stateFile(stateDir), { force: true });
  else report.problems.push(`state file kept: ${leftovers.map((h) => h.name).join(', ')} not fully removed`);
  return report;
}
