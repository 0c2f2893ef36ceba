// How the lab live-migrates a guest behind Paddock's back (tests that make drift, and the
// recorder of real outputs): virsh's arguments, as the lab notes say works between namespaced
// hosts (p2p, the domain moves with its definition, the data over plain TCP to the address).

/** `virsh migrate` arguments (after `virsh -c URI`) moving `vm` to the host at `destAddress`. */
export function virshMigrateArgs(vm: string, destAddress: string): string[] {
  return [
    'migrate',
    '--live',
    '--p2p',
    '--persistent',
    '--undefinesource',
    '--domain',
    vm,
    '--desturi',
    `qemu+ssh://root@${destAddress}/system`,
    '--migrateuri',
    `tcp://${destAddress}`,
  ];
}
