// The credentials of an unlocked vault: name, kind, key type, fingerprint and login user; a
// key's public half on request; removal after an inline confirmation (focus on "Keep").
import { useState } from 'react';
import type { CredentialView } from '../../../../core/ipc/contract';
import { getApi } from '../../api';
import { FormError, InlineConfirm } from '../../components/common/FormBits';
import { PublicKeyBox } from './PublicKeyBox';
import { useSubmit } from '../../components/common/use-submit';
import { vaultChange } from './vault-actions';

const KIND: Record<CredentialView['kind'], string> = {
  key: 'private key',
  password: 'password',
  'keyboard-interactive': 'keyboard-interactive',
  agent: 'ssh-agent',
};

function CredentialRow({ domain, c }: { domain: string; c: CredentialView }) {
  const [confirming, setConfirming] = useState(false);
  const [showKey, setShowKey] = useState(false);
  const submit = useSubmit();
  const api = getApi();
  return (
    <li className="credential" data-credential={c.name}>
      <div className="credential-main">
        <span className="credential-name">{c.name}</span>
        <span className="credential-kind">
          {KIND[c.kind]}
          {c.keyType ? ` · ${c.keyType}` : ''}
          {c.encryptedKey ? ' · passphrase-protected' : ''}
          {` · as ${c.user}`}
        </span>
        {c.fingerprint && <code className="fingerprint">{c.fingerprint}</code>}
      </div>
      <div className="credential-actions">
        {c.publicKey && (
          <button
            type="button"
            className="btn btn-small"
            aria-expanded={showKey}
            onClick={() => setShowKey(!showKey)}
          >
            {showKey ? 'Hide public key' : 'Public key'}
          </button>
        )}
        {confirming ? (
          <InlineConfirm
            label={`Remove ${c.name}?`}
            question={`Remove “${c.name}”?`}
            confirmText="Remove"
            busy={submit.busy}
            onConfirm={() =>
              void submit.run(() => vaultChange(api, () => api.vault.remove({ domain, credential: c.id })))
            }
            onKeep={() => setConfirming(false)}
          />
        ) : (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setConfirming(true)}
            aria-label={`Remove ${c.name}`}
          >
            Remove
          </button>
        )}
      </div>
      {showKey && c.publicKey && <PublicKeyBox publicKey={c.publicKey} label={`Public key of ${c.name}`} />}
      <FormError error={submit.error} />
    </li>
  );
}

export function CredentialList({ domain, credentials }: { domain: string; credentials: CredentialView[] }) {
  if (credentials.length === 0) {
    return <p className="muted">No credentials yet: add a key or a password below.</p>;
  }
  return (
    <ul className="credentials" aria-label={`Credentials of ${domain}`}>
      {credentials.map((c) => (
        <CredentialRow key={c.id} domain={domain} c={c} />
      ))}
    </ul>
  );
}
