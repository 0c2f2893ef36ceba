// knownHosts.*: the trusted host keys of each domain (fingerprints only), removing one (the way
// to accept a re-installed host after a hard stop), and importing from OpenSSH's known_hosts for
// the domain's containers and jump host.
import path from 'node:path';
import type { ServiceImpl } from '../app-handlers';
import { PaddockError } from '../../../core/ipc/contract';
import { importOpenSshKnownHosts, readKnownHostsFile } from '../../../core/ssh/openssh-known-hosts';
import { coreCall } from './fleet-errors';
import type { FleetContext } from './fleet-context';
import { requireDomain, requireSite } from './fleet-targets';
import { knownHostView } from './views';

type KnownHostsRequest = Extract<keyof ServiceImpl, `knownHosts.${string}`>;

export function knownHostsHandlers(f: FleetContext): Pick<ServiceImpl, KnownHostsRequest> {
  return {
    'knownHosts.list': async ({ domain }) => {
      const core = await f.core();
      const domains = domain !== undefined ? [domain] : requireSite(f.site()).domains.map((d) => d.name);
      const lists = await Promise.all(
        domains.map(async (d) =>
          (await coreCall(() => core.knownHosts(d).list())).map((e) => knownHostView(d, e)),
        ),
      );
      return lists.flat();
    },

    'knownHosts.remove': async ({ domain, host, port, keyType }) => {
      const core = await f.core();
      const removed = await coreCall(() => core.knownHosts(domain).remove(host, port, keyType));
      return { removed };
    },

    'knownHosts.importOpenSsh': async ({ domain, text }) => {
      const site = requireSite(f.site());
      const d = requireDomain(site, domain);
      const core = await f.core();
      let source = text;
      if (source === undefined) {
        const file = path.join(f.homeDir, '.ssh', 'known_hosts');
        const read = await readKnownHostsFile(file).catch((e: unknown) => {
          throw new PaddockError('not-found', `Cannot read ${file}: ${String(e)}`);
        });
        if (read === null) throw new PaddockError('not-found', `There is no ${file} to import from`);
        source = read;
      }
      const targets = site.containers
        .filter((c) => c.domain === domain)
        .map((c) => ({ host: c.address, port: c.ssh.port }));
      if (d.ssh.jumpHost) targets.push({ host: d.ssh.jumpHost.address, port: d.ssh.jumpHost.port });
      return coreCall(() => importOpenSshKnownHosts(core.knownHosts(domain), source, targets));
    },
  };
}
