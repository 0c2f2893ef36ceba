// libvirt's domain states in Paddock's terms, from `virsh list` words and from the numbers of
// `virsh domstats` (virDomainState).
import type { VmState } from '../../model/types';

export const VIRSH_STATES: Readonly<Record<string, VmState>> = {
  running: 'running',
  idle: 'running',
  blocked: 'running',
  'in shutdown': 'running',
  paused: 'paused',
  pmsuspended: 'paused',
  'shut off': 'stopped',
  crashed: 'crashed',
  'no state': 'unknown',
  dying: 'unknown',
};

/** virDomainState numbers, as `virsh domstats` prints them in state.state. */
export const DOMSTATS_STATES: readonly [VmState, string][] = [
  ['unknown', 'no state'],
  ['running', 'running'],
  ['running', 'blocked'],
  ['paused', 'paused'],
  ['running', 'in shutdown'],
  ['stopped', 'shut off'],
  ['crashed', 'crashed'],
  ['paused', 'pmsuspended'],
];

export function virshState(word: string): VmState | undefined {
  return Object.prototype.hasOwnProperty.call(VIRSH_STATES, word) ? VIRSH_STATES[word] : undefined;
}
