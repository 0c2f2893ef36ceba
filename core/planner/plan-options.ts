// Options shared by every site plan, and the errors plans raise for bad requests.
import type { AnytimeOptions } from './budget';
import type { Objective } from './pack-result';

export interface PlanOptions extends AnytimeOptions {
  /** consolidate = fewest containers in use; balance = lowest peak utilisation. */
  objective?: Objective;
}

/** A request the planner cannot act on (unknown container, bad number): names what and why. */
export class PlanRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanRequestError';
  }
}
