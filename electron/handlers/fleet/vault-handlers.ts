// vault.*: each security domain's vault as the renderer drives it. Secrets arrive in requests
// (passphrases, passwords, pasted keys) and go straight into the core vault; answers describe
// vaults and credentials through ./views only. Every change of a domain's vault needs the
// domain in the open site and the vault unlocked; a wrong passphrase is one generic error.
import type { ServiceImpl } from '../app-handlers';
import type { VaultDomainView, VaultListing } from '../../../core/ipc/contract';
import { PaddockError } from '../../../core/ipc/contract';
import type { Site } from '../../../core/model/types';
import { readBytesBounded } from '../../../core/storage/atomic-file';
import { DomainVault } from '../../../core/vault/domain-vault';
import { VaultOpenError } from '../../../core/vault/sealed-file';
import { coreCall, toPaddockError, wrongPassphrase } from './fleet-errors';
import type { FleetContext, FleetCore } from './fleet-context';
import { domainUser, requireDomain } from './fleet-targets';
import { resolveFile } from './key-files';
import { credentialView, rememberView } from './views';

type VaultRequest = Extract<keyof ServiceImpl, `vault.${string}`>;

/** A private key file is a few KiB; anything far bigger is not one. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

async function isRemembered(core: FleetCore, domain: string): Promise<boolean> {
  try {
    const b = await core.remembered.recall(domain);
    b?.fill(0);
    return b !== null;
  } catch {
    // A keyring that can no longer decrypt it: as good as not remembered.
    return false;
  }
}

async function domainView(core: FleetCore, site: Site | null, domain: string): Promise<VaultDomainView> {
  const v = core.vaults.vault(domain);
  const d = site?.domains.find((x) => x.name === domain);
  const user = d ? domainUser(d) : 'root';
  return {
    domain,
    exists: await v.exists(),
    unlocked: v.unlocked,
    remembered: await isRemembered(core, domain),
    credentials: v.unlocked ? v.list().map((c) => credentialView(c, user)) : null,
  };
}

/** Decrypting with a passphrase: a failure to decrypt becomes the one generic error. */
async function withPassphrase<T>(domain: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof VaultOpenError) throw wrongPassphrase(domain);
    throw toPaddockError(e);
  }
}

export function vaultHandlers(f: FleetContext): Pick<ServiceImpl, VaultRequest> {
  /** The domain's vault, the domain checked against the open site. */
  const vaultOf = async (domain: string) => {
    requireDomain(f.site(), domain);
    const core = await f.core();
    return { core, v: core.vaults.vault(domain) };
  };
  const unlockedVaultOf = async (domain: string) => {
    const r = await vaultOf(domain);
    if (!r.v.unlocked) {
      const what = (await r.v.exists())
        ? 'is locked: unlock it first'
        : 'does not exist yet: create it first';
      throw new PaddockError('vault-locked', `The vault of security domain "${domain}" ${what}`);
    }
    return r;
  };
  const view = async (core: FleetCore, domain: string) => domainView(core, f.site(), domain);
  const userOf = (domain: string) => domainUser(requireDomain(f.site(), domain));

  const listing = async (): Promise<VaultListing> => {
    const core = await f.core();
    const domains = f.site()?.domains.map((d) => d.name) ?? [];
    return {
      domains: await Promise.all(domains.map((d) => view(core, d))),
      remember: rememberView(core.remembered.decision()),
      keyFiles: f.keyFiles.mode,
    };
  };

  return {
    'vault.list': () => listing(),

    'vault.create': async ({ domain, passphrase }) => {
      const { core, v } = await vaultOf(domain);
      await coreCall(() => v.create(passphrase));
      return view(core, domain);
    },

    'vault.unlock': async ({ domain, passphrase, remember }) => {
      const { core, v } = await vaultOf(domain);
      if (!(await v.exists())) {
        throw new PaddockError(
          'no-vault',
          `There is no vault for security domain "${domain}" yet: create one first`,
        );
      }
      const recalled = passphrase === undefined ? await core.remembered.recall(domain) : null;
      const secret = passphrase ?? recalled;
      if (secret === null || secret === undefined) {
        throw new PaddockError('not-remembered', `No passphrase is remembered for "${domain}": type it`);
      }
      try {
        await withPassphrase(domain, () => v.unlock(secret));
      } finally {
        recalled?.fill(0);
      }
      if (remember && passphrase !== undefined)
        await coreCall(() => core.remembered.remember(domain, passphrase));
      return view(core, domain);
    },

    'vault.lock': async ({ domain }) => {
      const core = await f.core();
      core.vaults.vault(domain).lock('user');
      core.pool.closeAll(domain);
      return view(core, domain);
    },

    'vault.lockAll': async () => {
      const core = await f.core();
      core.vaults.lockAll('all');
      core.pool.closeAll();
      return listing();
    },

    'vault.changePassphrase': async ({ domain, current, next }) => {
      const { core, v } = await unlockedVaultOf(domain);
      await coreCall(() => v.changePassphrase(current, next));
      // A remembered passphrase follows the change, or the next unlock would fail.
      if (await isRemembered(core, domain)) await coreCall(() => core.remembered.remember(domain, next));
      return view(core, domain);
    },

    'vault.addKeyFromFile': async ({ domain, name, passphrase, path }) => {
      const { v } = await unlockedVaultOf(domain);
      const file = await resolveFile(f.keyFiles, path, () => f.keyFiles.chooseKeyFile(domain));
      if (file === null) return null;
      const bytes = await coreCall(() => readBytesBounded(file, MAX_KEY_FILE_BYTES));
      try {
        const info = await coreCall(() =>
          v.addPrivateKey({ name, privateKey: bytes, ...(passphrase !== undefined ? { passphrase } : {}) }),
        );
        return credentialView(info, userOf(domain));
      } finally {
        bytes.fill(0);
      }
    },

    'vault.addKeyPaste': async ({ domain, name, pem, passphrase }) => {
      const { v } = await unlockedVaultOf(domain);
      const info = await coreCall(() =>
        v.addPrivateKey({ name, privateKey: pem, ...(passphrase !== undefined ? { passphrase } : {}) }),
      );
      return credentialView(info, userOf(domain));
    },

    'vault.generateKey': async ({ domain, name }) => {
      const { v } = await unlockedVaultOf(domain);
      const info = await coreCall(() => v.generateKey({ name, comment: `paddock-${domain}` }));
      return credentialView(info, userOf(domain));
    },

    'vault.addPassword': async ({ domain, name, password, methods }) => {
      const { v } = await unlockedVaultOf(domain);
      const info = await coreCall(() => v.addPassword({ name, password, ...(methods ? { methods } : {}) }));
      return credentialView(info, userOf(domain));
    },

    'vault.addAgent': async ({ domain, name }) => {
      const { v } = await unlockedVaultOf(domain);
      return credentialView(await coreCall(() => v.addAgent({ name })), userOf(domain));
    },

    'vault.remove': async ({ domain, credential }) => {
      const { core, v } = await unlockedVaultOf(domain);
      await coreCall(() => v.remove(credential));
      // Connections opened with it end now rather than at their next command.
      core.pool.closeAll(domain);
      return view(core, domain);
    },

    'vault.export': async ({ domain, passphrase, path }) => {
      const { v } = await unlockedVaultOf(domain);
      const file = await resolveFile(f.keyFiles, path, () => f.keyFiles.chooseExportFile(domain));
      if (file === null) return null;
      await coreCall(() => v.exportTo(file, passphrase));
      return { file };
    },

    'vault.import': async ({ domain, passphrase, path }) => {
      const { v } = await unlockedVaultOf(domain);
      const file = await resolveFile(f.keyFiles, path, () => f.keyFiles.chooseImportFile(domain));
      if (file === null) return null;
      const r = await withPassphrase(domain, () => v.importFrom(file, passphrase));
      const user = userOf(domain);
      return { added: r.added.map((c) => credentialView(c, user)), skipped: r.skipped };
    },

    'vault.remember': async ({ domain, remember, passphrase }) => {
      const { core, v } = await vaultOf(domain);
      if (!remember) {
        await coreCall(() => core.remembered.forget(domain));
      } else {
        if (passphrase === undefined) {
          throw new PaddockError('invalid-request', `To remember the passphrase of "${domain}", type it`);
        }
        if (!(await v.exists())) {
          throw new PaddockError('no-vault', `There is no vault for security domain "${domain}" yet`);
        }
        // Only a passphrase that opens the vault is remembered.
        if (!v.unlocked) await withPassphrase(domain, () => v.unlock(passphrase));
        else {
          const probe = new DomainVault(domain, v.file);
          await withPassphrase(domain, () => probe.unlock(passphrase));
          probe.lock();
        }
        await coreCall(() => core.remembered.remember(domain, passphrase));
      }
      return {
        domain,
        remembered: await isRemembered(core, domain),
        remember: rememberView(core.remembered.decision()),
      };
    },
  };
}
