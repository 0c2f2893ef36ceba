// One domain's vault: its lock state, then the form that fits it (create, unlock) or, unlocked,
// its credentials and what can be done with them.
import type { VaultDomainView, VaultListing } from '../../../../core/ipc/contract';
import { getApi } from '../../api';
import { Badge } from '../../components/common/Badge';
import { Section } from '../../components/details/Section';
import { AddCredential } from './AddCredential';
import { CredentialList } from './CredentialList';
import { ExportImport } from './ExportImport';
import { FormError } from '../../components/common/FormBits';
import { KnownHostsSection } from './KnownHostsSection';
import { useSubmit } from '../../components/common/use-submit';
import { vaultChange } from './vault-actions';
import { ChangePassphraseForm, CreateVaultForm, RememberToggle, UnlockForm } from './VaultForms';

export function lockLabel(v: VaultDomainView): { text: string; tone: 'ok' | 'warn' | 'neutral' } {
  if (!v.exists) return { text: 'no vault', tone: 'neutral' };
  return v.unlocked ? { text: 'unlocked', tone: 'ok' } : { text: 'locked', tone: 'warn' };
}

export function VaultPanel({ vault, listing }: { vault: VaultDomainView; listing: VaultListing }) {
  const lock = useSubmit();
  const st = lockLabel(vault);
  const api = getApi();
  return (
    <section className="vault-panel" aria-labelledby="vault-panel-title">
      <header className="vault-head">
        <span className="details-kind">Security domain</span>
        <h2 id="vault-panel-title">{vault.domain}</h2>
        <Badge tone={st.tone} title="Vault state">
          {st.text}
        </Badge>
        {vault.remembered && <Badge tone="info">remembered</Badge>}
        {vault.unlocked && (
          <button
            type="button"
            className="btn"
            disabled={lock.busy}
            onClick={() =>
              void lock.run(() => vaultChange(api, () => api.vault.lock({ domain: vault.domain })))
            }
          >
            Lock
          </button>
        )}
      </header>
      <FormError error={lock.error} />
      {!vault.exists && <CreateVaultForm domain={vault.domain} />}
      {vault.exists && !vault.unlocked && <UnlockForm vault={vault} remember={listing.remember} />}
      {vault.unlocked && vault.credentials && (
        <>
          <Section title={`Credentials (${vault.credentials.length})`}>
            <CredentialList domain={vault.domain} credentials={vault.credentials} />
          </Section>
          <Section title="Add a credential">
            <AddCredential domain={vault.domain} keyFiles={listing.keyFiles} />
          </Section>
          <Section title="Remember on this computer">
            <RememberToggle vault={vault} remember={listing.remember} />
          </Section>
          <Section title="Change passphrase">
            <ChangePassphraseForm domain={vault.domain} />
          </Section>
          <Section title="Export and import">
            <ExportImport domain={vault.domain} keyFiles={listing.keyFiles} />
          </Section>
        </>
      )}
      {vault.exists && (
        <Section title="Known hosts">
          <KnownHostsSection domain={vault.domain} />
        </Section>
      )}
    </section>
  );
}
