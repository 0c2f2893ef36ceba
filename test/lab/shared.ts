// Sharing one lab between many users (test files, test runs, benchmarks): a reference count
// of holder PIDs in the state file, changed under a lock. The first holder starts the lab; the
// last one to release stops it, unless a person started it with `npm run lab` (persistent).
// Holders that died are pruned, so a crashed test run never keeps the lab forever.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_OPTIONS } from './config';
import { alive, sleep } from './exec';
import { startLab, type StartOptions } from './start';
import { labStatus } from './status';
import { readState, writeState, type LabState } from './state';
import { teardown } from './teardown';

const LOCK_WAIT_MS = 15 * 60_000;

/** A lock folder with the owner's PID; a lock whose owner died is taken over. */
async function withLock<T>(stateDir: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(stateDir, { recursive: true });
  const lock = path.join(stateDir, 'lock');
  const end = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number.parseInt(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''), 10);
      // No pid yet means the owner is between mkdir and writeFile: wait, unless that lasts.
      if (Number.isInteger(owner) && !alive(owner)) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > end)
        throw new Error(`lab: timed out waiting for the lab lock ${lock} (held by pid ${owner})`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** The PID that holds the lab for this process: the test run's main process when set. */
export function holderPid(): number {
  const n = Number.parseInt(process.env.PADDOCK_LAB_HOLDER ?? '', 10);
  return Number.isInteger(n) && n > 1 ? n : process.pid;
}

/** Use the running lab, or start one. Resolves the lab's state. */
export async function acquireLab(opts: StartOptions = {}, holder = holderPid()): Promise<LabState> {
  const stateDir = opts.stateDir ?? DEFAULT_OPTIONS.stateDir;
  return withLock(stateDir, async () => {
    const existing = await readState(stateDir);
    if (existing?.ready && (await labStatus(stateDir, false)).running) {
      existing.holders = [...new Set([...existing.holders.filter(alive), holder])];
      await writeState(stateDir, existing);
      return existing;
    }
    if (existing) {
      if (existing.persistent) {
        throw new Error(
          `lab: the lab started with \`npm run lab\` in ${stateDir} is not healthy; restart it (npm run lab -- stop; npm run lab)`,
        );
      }
      await teardown(stateDir);
    }
    const state = await startLab({ ...opts, stateDir, persistent: false });
    state.holders = [holder];
    await writeState(stateDir, state);
    return state;
  });
}

/** Drop this holder; stop the lab when nobody holds it and no person started it. */
export async function releaseLab(stateDir = DEFAULT_OPTIONS.stateDir, holder = holderPid()): Promise<void> {
  await withLock(stateDir, async () => {
    const st = await readState(stateDir);
    if (!st) return;
    st.holders = st.holders.filter((p) => p !== holder && alive(p));
    if (st.holders.length === 0 && !st.persistent) {
      const r = await teardown(stateDir);
      if (r.problems.length) throw new Error(`lab: teardown problems: ${r.problems.join('; ')}`);
      return;
    }
    await writeState(stateDir, st);
  });
}
