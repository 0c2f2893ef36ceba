// Vitest globalSetup for suites that use the lab: the run's main process is the lab's holder
// (workers inherit PADDOCK_LAB_HOLDER), and the lab started during the run is stopped at its
// end. A lab started by a person (`npm run lab`) is used and left running.
import { DEFAULT_OPTIONS } from './config';
import { releaseLab } from './shared';

export default function setup(): () => Promise<void> {
  process.env.PADDOCK_LAB_HOLDER = String(process.pid);
  return async () => {
    await releaseLab(DEFAULT_OPTIONS.stateDir, process.pid);
  };
}
