// Live data for one container or VM, derived once per inventory change and shared by every
// card, chip and details panel that asks.
import type { LiveHostView } from '../../../../core/ipc/contract';
import type { Vm } from '../../../../core/model/types';
import { memoRecent } from '../../view-model/memo-recent';
import type { VmLive } from './live-model';
import { liveIndex, vmLive } from './live-model';
import { useLiveStore } from './live-store';

const indexOf = memoRecent((hosts: Readonly<Record<string, LiveHostView>>) => liveIndex(hosts), 2);

export function useVmLive(vm: Pick<Vm, 'name' | 'domain' | 'container' | 'state'>): VmLive {
  const hosts = useLiveStore((s) => s.hosts);
  return vmLive(vm, indexOf(hosts), hosts);
}
