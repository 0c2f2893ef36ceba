// Networks and addresses: CIDR and gateway consistent, each NIC's IP inside its network and
// usable, no IP twice on one network, no MAC twice in the site, one bridge per network name.
import type { Name, Network } from '../model/types';
import type { Cidr } from '../net/ipv4';
import {
  cidrContains,
  cidrHasHostBits,
  formatCidr,
  isReservedInCidr,
  parseCidr,
  parseIPv4,
} from '../net/ipv4';
import { isMulticastMac } from '../net/mac';
import type { Path } from './findings';
import type { RefIndex } from './parts';

interface NetInfo {
  net: Network;
  cidr: Cidr;
  /** ip (as number) -> where it is used first */
  used: Map<number, { who: string; path: Path }>;
}

function checkNetworks(refs: RefIndex): Map<Name, NetInfo> {
  const nets = new Map<Name, NetInfo>();
  const bridges = new Map<string, { net: Name; path: Path }>();
  for (const { index, item: n } of refs.parts.networks) {
    const at = ['networks', index];
    const cidr = parseCidr(n.cidr);
    if (!cidr) continue;
    if (cidrHasHostBits(cidr)) {
      refs.add({
        code: 'cidr-host-bits',
        path: [...at, 'cidr'],
        message: `cidr ${n.cidr} of network ${n.name} has host bits set; the network it describes is ${formatCidr(cidr)}: write that`,
      });
    }
    const info: NetInfo = { net: n, cidr, used: new Map() };
    if (!nets.has(n.name)) nets.set(n.name, info);
    if (n.gateway !== undefined) {
      const gw = parseIPv4(n.gateway);
      if (gw !== null && !cidrContains(cidr, gw)) {
        refs.add({
          code: 'gateway-outside-network',
          path: [...at, 'gateway'],
          message: `gateway ${n.gateway} of network ${n.name} is outside its network ${formatCidr(cidr)}, so hosts could not reach it`,
        });
      } else if (gw !== null && isReservedInCidr(cidr, gw)) {
        refs.add({
          code: 'ip-reserved',
          path: [...at, 'gateway'],
          message: `gateway ${n.gateway} of network ${n.name} is the network or broadcast address of ${formatCidr(cidr)}, which no host may use`,
        });
      } else if (gw !== null)
        info.used.set(gw, { who: `the gateway of network ${n.name}`, path: [...at, 'gateway'] });
    }
    const key = `${n.domain}/${n.bridge}`;
    const other = bridges.get(key);
    if (other && other.net !== n.name) {
      refs.add({
        code: 'duplicate-bridge',
        path: [...at, 'bridge'],
        related: other.path,
        message: `bridge ${n.bridge} already carries network ${other.net} in domain ${n.domain} (at {related}); one bridge serves one network`,
      });
    } else if (!other) bridges.set(key, { net: n.name, path: [...at, 'bridge'] });
  }
  return nets;
}

function checkNicAddresses(refs: RefIndex, nets: Map<Name, NetInfo>): void {
  const macs = new Map<string, { who: string; path: Path }>();
  for (const { index, item: vm } of refs.parts.vms) {
    vm.nics.forEach((nic, j) => {
      const at = ['vms', index, 'nics', j];
      const who = `nic ${j} of vm ${vm.name}`;
      const info = nets.get(nic.network);
      const ip = nic.ip === undefined ? null : parseIPv4(nic.ip);
      if (info && ip !== null && refs.get('networks', nic.network) === info.net) {
        const cidr = formatCidr(info.cidr);
        if (!cidrContains(info.cidr, ip)) {
          refs.add({
            code: 'ip-outside-network',
            path: [...at, 'ip'],
            message: `ip ${nic.ip} of ${who} is outside its network ${nic.network} (${cidr})`,
          });
        } else if (isReservedInCidr(info.cidr, ip)) {
          refs.add({
            code: 'ip-reserved',
            path: [...at, 'ip'],
            message: `ip ${nic.ip} of ${who} is the network or broadcast address of ${nic.network} (${cidr}), which no host may use`,
          });
        } else {
          const first = info.used.get(ip);
          if (first) {
            refs.add({
              code: 'duplicate-ip',
              path: [...at, 'ip'],
              related: first.path,
              message: `ip ${nic.ip} on network ${nic.network} is already used by ${first.who} (at {related})`,
            });
          } else info.used.set(ip, { who, path: [...at, 'ip'] });
        }
      }
      if (nic.mac !== undefined) {
        if (isMulticastMac(nic.mac)) {
          refs.add({
            code: 'invalid-mac',
            path: [...at, 'mac'],
            message: `mac ${nic.mac} of ${who} is a multicast address (lowest bit of the first octet set); a NIC needs a unicast address such as 52:54:00:...`,
          });
        }
        const first = macs.get(nic.mac);
        if (first) {
          refs.add({
            code: 'duplicate-mac',
            path: [...at, 'mac'],
            related: first.path,
            message: `mac ${nic.mac} of ${who} is already used by ${first.who} (at {related}); MAC addresses must be unique in the site`,
          });
        } else macs.set(nic.mac, { who, path: [...at, 'mac'] });
      }
    });
  }
}

export function checkAddresses(refs: RefIndex): void {
  checkNicAddresses(refs, checkNetworks(refs));
}
