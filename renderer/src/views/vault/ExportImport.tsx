// Encrypted export and import of a domain's vault. In the desktop app main asks where with its
// own dialogs; the browser transport cannot, and says so.
import { useState, type FormEvent } from 'react';
import type { VaultListing } from '../../../../core/ipc/contract';
import { getApi } from '../../api';
import { FormError, SecretField } from '../../components/common/FormBits';
import { MIN_PASSPHRASE } from './passphrase-rules';
import { useSubmit } from '../../components/common/use-submit';
import { vaultChange } from './vault-actions';

export function ExportImport({ domain, keyFiles }: { domain: string; keyFiles: VaultListing['keyFiles'] }) {
  const [pass, setPass] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const submit = useSubmit();
  if (keyFiles !== 'dialog') {
    return <p className="muted">Export and import need the desktop app (its file dialogs).</p>;
  }
  const api = getApi();
  const run = (kind: 'export' | 'import') => (e?: FormEvent) => {
    e?.preventDefault();
    if (!pass) return;
    const passphrase = pass;
    setPass('');
    void submit.run(async () => {
      if (kind === 'export') {
        const r = await api.vault.export({ domain, passphrase });
        setResult(r ? `Exported to ${r.file}` : 'Export cancelled');
      } else {
        const r = await vaultChange(api, () => api.vault.import({ domain, passphrase }));
        setResult(
          r
            ? `${r.added.length} added, ${r.skipped.length} skipped (names already present)`
            : 'Import cancelled',
        );
      }
    });
  };
  return (
    <form className="vault-form" onSubmit={run('export')} aria-label="Export or import">
      <SecretField
        label="Export passphrase"
        value={pass}
        onChange={setPass}
        isNew
        hint={`Protects the export file (at least ${MIN_PASSPHRASE} characters); not the vault's own passphrase.`}
      />
      <FormError error={submit.error} />
      {result && (
        <p className="form-ok" role="status">
          {result}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn" disabled={submit.busy || !pass}>
          Export…
        </button>
        <button type="button" className="btn" disabled={submit.busy || !pass} onClick={() => run('import')()}>
          Import…
        </button>
      </div>
    </form>
  );
}
