// Adding a credential to an unlocked vault: generate an ed25519 key in main (its public key is
// shown to copy into authorized_keys), paste a private key, pick a key file (main's dialog), a
// password, or the user's ssh-agent. The renderer only ever gets the public half back.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CredentialView, VaultListing } from '../../../../core/ipc/contract';
import { getApi } from '../../api';
import { Field, FormError, SecretField } from '../../components/common/FormBits';
import { PublicKeyBox } from './PublicKeyBox';
import { useSubmit } from '../../components/common/use-submit';
import { vaultChange } from './vault-actions';

type Tab = 'generate' | 'paste' | 'file' | 'password' | 'agent';
const TABS: { id: Tab; label: string }[] = [
  { id: 'generate', label: 'Generate ed25519' },
  { id: 'paste', label: 'Paste a key' },
  { id: 'file', label: 'Key file' },
  { id: 'password', label: 'Password' },
  { id: 'agent', label: 'ssh-agent' },
];

function NameField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Field label="Name">
      {(id) => (
        <input
          id={id}
          className="input"
          value={value}
          required
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function AddCredential({ domain, keyFiles }: { domain: string; keyFiles: VaultListing['keyFiles'] }) {
  const [tab, setTab] = useState<Tab>('generate');
  const [name, setName] = useState('');
  const [pem, setPem] = useState('');
  const [secret, setSecret] = useState('');
  const [kiOnly, setKiOnly] = useState(false);
  const [added, setAdded] = useState<CredentialView | null>(null);
  const submit = useSubmit();
  const tabsId = useId();
  const api = getApi();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    const typed = { pem, secret };
    // Secrets leave the form's state as they are sent.
    setPem('');
    setSecret('');
    let result: CredentialView | null = null;
    const ok = await submit.run(() =>
      vaultChange(api, async () => {
        const pass = typed.secret ? { passphrase: typed.secret } : {};
        if (tab === 'generate') result = await api.vault.generateKey({ domain, name: n });
        else if (tab === 'paste')
          result = await api.vault.addKeyPaste({ domain, name: n, pem: typed.pem, ...pass });
        else if (tab === 'file') result = await api.vault.addKeyFromFile({ domain, name: n, ...pass });
        else if (tab === 'password')
          result = await api.vault.addPassword({
            domain,
            name: n,
            password: typed.secret,
            ...(kiOnly ? { methods: ['keyboard-interactive' as const] } : {}),
          });
        else result = await api.vault.addAgent({ domain, name: n });
      }),
    );
    if (ok) {
      setAdded(result);
      if (result) setName('');
    }
  };

  const keyPassphrase = (
    <SecretField
      label="Key passphrase (if it has one)"
      value={secret}
      onChange={setSecret}
      required={false}
    />
  );
  const choose = (t: Tab) => {
    setTab(t);
    setAdded(null);
    submit.clearError();
  };
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const moves: Record<string, number> = {
      ArrowRight: i + 1,
      ArrowLeft: i - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = TABS[(to + TABS.length) % TABS.length];
    if (!next) return;
    choose(next.id);
    document.getElementById(`${tabsId}-${next.id}`)?.focus();
  };
  const needsSecret = tab === 'password';
  const canSubmit =
    name.trim() !== '' &&
    (tab !== 'paste' || pem.trim() !== '') &&
    (!needsSecret || secret !== '') &&
    !submit.busy;
  return (
    <div className="add-credential">
      <div className="tabs" role="tablist" aria-label="Kind of credential" id={tabsId} onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${tabsId}-${t.id}`}
            aria-selected={tab === t.id}
            // The tab list is one stop in the Tab order; arrows move within it.
            tabIndex={tab === t.id ? 0 : -1}
            className={tab === t.id ? 'is-active' : ''}
            onClick={() => choose(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <form
        className="vault-form"
        role="tabpanel"
        aria-label={TABS.find((t) => t.id === tab)?.label}
        onSubmit={(e) => void onSubmit(e)}
      >
        <NameField value={name} onChange={setName} />
        {tab === 'generate' && (
          <p className="form-hint">
            A new ed25519 key is made in Paddock's main process and kept only in this vault.
          </p>
        )}
        {tab === 'paste' && (
          <>
            <Field label="Private key (OpenSSH or PEM)">
              {(id) => (
                <textarea
                  id={id}
                  className="input mono"
                  rows={6}
                  value={pem}
                  required
                  spellCheck={false}
                  autoComplete="off"
                  placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
                  onChange={(e) => setPem(e.target.value)}
                />
              )}
            </Field>
            {keyPassphrase}
          </>
        )}
        {tab === 'file' &&
          (keyFiles === 'unsupported' ? (
            <p className="form-hint warn">
              Key files need the desktop app (its open dialog). Paste the key instead.
            </p>
          ) : (
            <>
              <p className="form-hint">
                Paddock asks which file to read; the key goes straight into the vault.
              </p>
              {keyPassphrase}
            </>
          ))}
        {tab === 'password' && (
          <>
            <SecretField label="Password" value={secret} onChange={setSecret} isNew />
            <label className="check">
              <input type="checkbox" checked={kiOnly} onChange={(e) => setKiOnly(e.target.checked)} />
              Keyboard-interactive only
            </label>
          </>
        )}
        {tab === 'agent' && (
          <p className="form-hint">
            Logs in with the keys of your ssh-agent (SSH_AUTH_SOCK of Paddock's main process).
          </p>
        )}
        <FormError error={submit.error} />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!canSubmit || (tab === 'file' && keyFiles === 'unsupported')}
        >
          {submit.busy
            ? 'Adding…'
            : tab === 'generate'
              ? 'Generate key'
              : tab === 'file'
                ? 'Choose file…'
                : 'Add'}
        </button>
      </form>
      {added?.publicKey && (
        <div className="added" role="status">
          <p>
            Added <strong>{added.name}</strong> ({added.keyType}, <code>{added.fingerprint}</code>). Put its
            public key in the containers' <code>authorized_keys</code>:
          </p>
          <PublicKeyBox publicKey={added.publicKey} label={`Public key of ${added.name}`} />
        </div>
      )}
      {added && !added.publicKey && (
        <p className="form-ok" role="status">
          Added <strong>{added.name}</strong>.
        </p>
      )}
    </div>
  );
}
