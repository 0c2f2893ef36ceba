// The Vault view: every security domain of the site with its vault's lock state, "Lock all",
// and the selected domain's vault (./VaultPanel). Nothing secret is ever shown: main sends names,
// key types, fingerprints, public keys and lock states only.
import { getApi } from '../../api';
import { MonitorControls } from '../../components/access/MonitorControls';
import { Badge } from '../../components/common/Badge';
import { plural } from '../../view-model/format';
import { FormError } from '../../components/common/FormBits';
import { useSubmit } from '../../components/common/use-submit';
import { vaultChange } from './vault-actions';
import { useVaultStore } from './vault-store';
import { lockLabel, VaultPanel } from './VaultPanel';

export function VaultView() {
  const listing = useVaultStore((s) => s.listing);
  const error = useVaultStore((s) => s.error);
  const selected = useVaultStore((s) => s.selected);
  const select = useVaultStore((s) => s.select);
  const lockAll = useSubmit();
  const vault = listing?.domains.find((d) => d.domain === selected) ?? null;
  const anyUnlocked = listing?.domains.some((d) => d.unlocked) ?? false;
  const api = getApi();

  return (
    <div className="vault-view">
      <nav className="vault-domains" aria-label="Security domains">
        <div className="vault-domains-head">
          <h2>Vaults</h2>
          <button
            type="button"
            className="btn btn-small"
            disabled={!anyUnlocked || lockAll.busy}
            onClick={() => void lockAll.run(() => vaultChange(api, () => api.vault.lockAll({})))}
          >
            Lock all
          </button>
        </div>
        <FormError error={lockAll.error ?? error} />
        {listing && listing.domains.length === 0 && (
          <p className="muted">The site defines no security domains.</p>
        )}
        <ul>
          {listing?.domains.map((d) => {
            const st = lockLabel(d);
            return (
              <li key={d.domain}>
                <button
                  type="button"
                  className={`vault-domain${d.domain === selected ? ' is-active' : ''}`}
                  aria-current={d.domain === selected ? 'true' : undefined}
                  onClick={() => select(d.domain)}
                >
                  <span className="vault-domain-name">{d.domain}</span>
                  <Badge tone={st.tone}>{st.text}</Badge>
                  {d.credentials && (
                    <span className="muted small">{plural(d.credentials.length, 'credential')}</span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
        <MonitorControls />
      </nav>
      <div className="vault-main">
        {vault && listing ? (
          <VaultPanel key={vault.domain} vault={vault} listing={listing} />
        ) : (
          <p className="empty">{listing ? 'Choose a security domain.' : 'Loading…'}</p>
        )}
      </div>
    </div>
  );
}
