// How the lab live-migrates a guest behind Paddock's back (tests that make drift, and the
// recorder of real outputs): virsh's arguments, as the lab notes say works between namespaced
// hosts (p2p, the domain moves with its definition, the data over plain TCP to the address).
// Built by the driver's own VirshArgv, so the lab migrates exactly as Paddock would.
import { VirshArgv } from '../../core/drivers/libvirt/argv';

const virsh = new VirshArgv();

/** `virsh migrate` arguments (after `virsh -c URI`) moving `vm` to the host at `destAddress`. */
export function virshMigrateArgs(vm: string, destAddress: string): string[] {
  const argv = virsh.migrate(
    vm,
    { address: destAddress, sshUser: 'root', sshPort: 22 },
    { p2p: true, persistent: true, undefineSource: true },
  );
  return argv.slice(['virsh', '-c', virsh.uri].length);
}
