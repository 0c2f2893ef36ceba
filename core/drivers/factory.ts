// The driver for a container of the site: libvirt or xl, by the container's hypervisor.
import type { CommandRunner } from '../exec/types';
import type { Container } from '../model/types';
import { LibvirtDriver } from './libvirt/driver';
import type { HypervisorDriver } from './types';
import { XlDriver } from './xl/driver';

export function createDriver(
  container: Pick<Container, 'hypervisor' | 'uri'>,
  runner: CommandRunner,
): HypervisorDriver {
  switch (container.hypervisor) {
    case 'libvirt':
      return new LibvirtDriver(runner, { uri: container.uri });
    case 'xen-xl':
      return new XlDriver(runner);
  }
}
