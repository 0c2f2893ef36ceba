// Main's host-key questions, one dialog at a time. Unknown host: the fingerprint to compare,
// "Trust" or "Cancel" (focused first: trusting must be deliberate). Changed key: a red hard stop
// with the known and the presented fingerprints and one button, "Disconnect", focused; there is
// no way to trust it here (main refuses that too).
import { useId } from 'react';
import type { HostKeyPromptView } from '../../../../core/ipc/contract';
import { getApi } from '../../api';
import { FormError } from '../common/FormBits';
import { useHostKeyStore } from './hostkey-store';
import { ModalDialog } from '../common/ModalDialog';
import { usePromptAnswer } from '../common/prompt-queue';

function useAnswer(prompt: HostKeyPromptView) {
  const { answer: send, busy, error } = usePromptAnswer(useHostKeyStore, prompt.promptId);
  const answer = (decision: 'trust' | 'reject') =>
    send(() => getApi().hostkey.answer({ promptId: prompt.promptId, decision }));
  return { answer, error, busy };
}

function Target({ p }: { p: HostKeyPromptView }) {
  return (
    <p>
      <strong>{p.container}</strong> ({p.host}:{p.port}) in security domain <strong>{p.domain}</strong>
    </p>
  );
}

function UnknownHostDialog({ prompt }: { prompt: HostKeyPromptView }) {
  const titleId = useId();
  const descId = useId();
  const { answer, error, busy } = useAnswer(prompt);
  return (
    <ModalDialog
      labelledBy={titleId}
      describedBy={descId}
      className="hostkey-dialog"
      onCancel={() => answer('reject')}
    >
      <h2 id={titleId}>Unknown host: check its key</h2>
      <div id={descId}>
        <Target p={prompt} />
        <p>
          presented a host key Paddock has not seen before. Nothing has been sent to it yet. Compare this
          fingerprint with the one the host shows for itself (
          <code>ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub</code>):
        </p>
      </div>
      <dl className="fingerprints">
        <dt>{prompt.keyType}</dt>
        <dd>
          <code className="fingerprint" data-testid="hostkey-fingerprint">
            {prompt.fingerprint}
          </code>
        </dd>
      </dl>
      <p className="muted">
        Unanswered, it counts as Cancel at {new Date(prompt.expiresAt).toLocaleTimeString()}.
      </p>
      <FormError error={error} />
      <div className="modal-actions">
        <button type="button" className="btn" autoFocus disabled={busy} onClick={() => answer('reject')}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => answer('trust')}>
          Trust this host
        </button>
      </div>
    </ModalDialog>
  );
}

function ChangedHostDialog({ prompt }: { prompt: HostKeyPromptView }) {
  const titleId = useId();
  const descId = useId();
  const { answer, error, busy } = useAnswer(prompt);
  const known =
    prompt.known ??
    (prompt.knownFingerprint ? [{ keyType: prompt.keyType, fingerprint: prompt.knownFingerprint }] : []);
  return (
    <ModalDialog
      labelledBy={titleId}
      describedBy={descId}
      className="hostkey-dialog is-danger"
      onCancel={() => answer('reject')}
    >
      <h2 id={titleId}>Host key CHANGED: connection stopped</h2>
      <div id={descId}>
        <Target p={prompt} />
        <p>
          presented a different key from the one Paddock knows. Someone may be intercepting the connection (a
          man-in-the-middle), or the host was re-installed. Nothing was sent and nothing was saved.
        </p>
      </div>
      <dl className="fingerprints">
        {known.map((k) => (
          <div key={`${k.keyType} ${k.fingerprint}`} className="fp-row">
            <dt>Known ({k.keyType})</dt>
            <dd>
              <code className="fingerprint" data-testid="hostkey-known">
                {k.fingerprint}
              </code>
            </dd>
          </div>
        ))}
        <div className="fp-row is-new">
          <dt>Presented now ({prompt.keyType})</dt>
          <dd>
            <code className="fingerprint" data-testid="hostkey-fingerprint">
              {prompt.fingerprint}
            </code>
          </dd>
        </div>
      </dl>
      <p className="muted">
        If the host really was re-installed, check its new key with its administrator, then remove the old one
        under Vault → Known hosts and connect again.
      </p>
      <FormError error={error} />
      <div className="modal-actions">
        <button
          type="button"
          className="btn btn-danger"
          autoFocus
          disabled={busy}
          onClick={() => answer('reject')}
        >
          Disconnect
        </button>
      </div>
    </ModalDialog>
  );
}

export function HostKeyDialogs() {
  const prompt = useHostKeyStore((s) => s.prompts[0]);
  if (!prompt) return null;
  return prompt.kind === 'changed' ? (
    <ChangedHostDialog key={prompt.promptId} prompt={prompt} />
  ) : (
    <UnknownHostDialog key={prompt.promptId} prompt={prompt} />
  );
}
