// The forms that open a vault: create (passphrase twice) and unlock (with "remember on this
// computer", which says plainly when there is no real keyring). Typed secrets are cleared from
// the form as soon as they are sent.
import { useState, type FormEvent } from 'react';
import type { RememberMode, VaultDomainView } from '../../../../core/ipc/contract';
import { getApi } from '../../api';
import { FormError, SecretField } from '../../components/common/FormBits';
import { newPassphraseProblem } from './passphrase-rules';
import { useSubmit } from '../../components/common/use-submit';
import { vaultChange } from './vault-actions';

export function CreateVaultForm({ domain }: { domain: string }) {
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const submit = useSubmit();
  const problem = newPassphraseProblem(pass, again);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (problem || !pass) return;
    const api = getApi();
    const passphrase = pass;
    setPass('');
    setAgain('');
    void submit.run(() => vaultChange(api, () => api.vault.create({ domain, passphrase })));
  };
  return (
    <form className="vault-form" onSubmit={onSubmit} aria-label={`Create the vault of ${domain}`}>
      <p>
        There is no vault for <strong>{domain}</strong> yet. Its credentials will be encrypted with a key
        derived from this passphrase (scrypt, AES-256-GCM). It cannot be recovered: keep it safe.
      </p>
      <SecretField label="New passphrase" value={pass} onChange={setPass} isNew autoFocus />
      <SecretField label="Repeat the passphrase" value={again} onChange={setAgain} isNew />
      <FormError error={problem ?? submit.error} />
      <button
        type="submit"
        className="btn btn-primary"
        disabled={submit.busy || !!problem || !pass || again !== pass}
      >
        {submit.busy ? 'Creating…' : 'Create vault'}
      </button>
    </form>
  );
}

function RememberNote({ mode }: { mode: RememberMode }) {
  return mode.mode === 'keyring' ? (
    <span className="form-hint">Kept in the system keyring ({mode.backend}).</span>
  ) : (
    <span className="form-hint warn" role="note">
      {mode.reason}
    </span>
  );
}

export function UnlockForm({ vault, remember }: { vault: VaultDomainView; remember: RememberMode }) {
  const [pass, setPass] = useState('');
  const [keep, setKeep] = useState(false);
  const submit = useSubmit();
  const domain = vault.domain;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!pass) return;
    const api = getApi();
    const passphrase = pass;
    setPass('');
    void submit.run(() => vaultChange(api, () => api.vault.unlock({ domain, passphrase, remember: keep })));
  };
  const unlockRemembered = () => {
    const api = getApi();
    void submit.run(() => vaultChange(api, () => api.vault.unlock({ domain })));
  };
  return (
    <form className="vault-form" onSubmit={onSubmit} aria-label={`Unlock the vault of ${domain}`}>
      <SecretField label={`Passphrase of ${domain}`} value={pass} onChange={setPass} autoFocus />
      <label className="check">
        <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
        Remember on this computer
      </label>
      {keep && <RememberNote mode={remember} />}
      <FormError error={submit.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={submit.busy || !pass}>
          {submit.busy ? 'Unlocking…' : 'Unlock'}
        </button>
        {vault.remembered && (
          <button type="button" className="btn" disabled={submit.busy} onClick={unlockRemembered}>
            Unlock with the remembered passphrase
          </button>
        )}
      </div>
    </form>
  );
}

export function ChangePassphraseForm({ domain }: { domain: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  const problem = newPassphraseProblem(next, again);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem || !current || !next) return;
    const api = getApi();
    const payload = { domain, current, next };
    setCurrent('');
    setNext('');
    setAgain('');
    setDone(await submit.run(() => vaultChange(api, () => api.vault.changePassphrase(payload))));
  };
  return (
    <form className="vault-form" onSubmit={(e) => void onSubmit(e)} aria-label="Change the passphrase">
      <SecretField label="Current passphrase" value={current} onChange={setCurrent} />
      <SecretField label="New passphrase" value={next} onChange={setNext} isNew />
      <SecretField label="Repeat the new passphrase" value={again} onChange={setAgain} isNew />
      <FormError error={problem ?? submit.error} />
      {done && !submit.error && <p className="form-ok">Passphrase changed; the vault was re-encrypted.</p>}
      <button
        type="submit"
        className="btn"
        disabled={submit.busy || !!problem || !current || !next || again !== next}
      >
        {submit.busy ? 'Changing…' : 'Change passphrase'}
      </button>
    </form>
  );
}

export function RememberToggle({ vault, remember }: { vault: VaultDomainView; remember: RememberMode }) {
  const [pass, setPass] = useState('');
  const submit = useSubmit();
  const api = getApi();
  const domain = vault.domain;
  if (vault.remembered) {
    return (
      <div className="vault-form">
        <p>The passphrase is remembered on this computer.</p>
        <RememberNote mode={remember} />
        <FormError error={submit.error} />
        <button
          type="button"
          className="btn"
          disabled={submit.busy}
          onClick={() =>
            void submit.run(() => vaultChange(api, () => api.vault.remember({ domain, remember: false })))
          }
        >
          Forget it
        </button>
      </div>
    );
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!pass) return;
    const passphrase = pass;
    setPass('');
    void submit.run(() => vaultChange(api, () => api.vault.remember({ domain, remember: true, passphrase })));
  };
  return (
    <form className="vault-form" onSubmit={onSubmit} aria-label="Remember on this computer">
      <RememberNote mode={remember} />
      <SecretField label="Passphrase (to confirm)" value={pass} onChange={setPass} />
      <FormError error={submit.error} />
      <button type="submit" className="btn" disabled={submit.busy || !pass}>
        Remember on this computer
      </button>
    </form>
  );
}
