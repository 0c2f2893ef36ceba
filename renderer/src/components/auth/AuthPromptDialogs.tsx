// Main's login questions, one dialog at a time: a host's login asks for something the vault
// cannot answer (a one-time code from a token, a second factor after a key). Shows who asks
// (domain, container, user, credential), the server's instructions and one field per prompt
// (hidden unless the server lets the answer show). "Log in" sends the answers to main, "Cancel"
// or Escape refuses; the first field has the focus. Answers stay in this form's state until it
// closes: never in a store, a log or a notice.
import { useId, useState, type FormEvent } from 'react';
import type { AuthPromptView } from '../../../../core/ipc/contract';
import { MAX_ANSWER_BYTES } from '../../../../core/records/auth-question';
import { getApi } from '../../api';
import { ModalDialog } from '../common/ModalDialog';
import { usePromptAnswer } from '../common/prompt-queue';
import { FormError } from '../common/FormBits';
import { useAuthPromptStore } from './auth-prompt-store';
import './auth-prompt.css';

function AuthPromptDialog({ prompt }: { prompt: AuthPromptView }) {
  const titleId = useId();
  const descId = useId();
  const fieldId = useId();
  const [answers, setAnswers] = useState<string[]>(() => prompt.prompts.map(() => ''));
  const { answer, busy, error } = usePromptAnswer(useAuthPromptStore, prompt.promptId);
  const send = (given: string[] | null) =>
    answer(async () => {
      await getApi().auth.answer({ promptId: prompt.promptId, answers: given });
      setAnswers(prompt.prompts.map(() => ''));
    });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send(answers);
  };

  return (
    <ModalDialog labelledBy={titleId} describedBy={descId} onCancel={() => send(null)}>
      <h2 id={titleId}>{prompt.name || 'The host asks for more to log in'}</h2>
      <div id={descId}>
        <p>
          <strong>{prompt.container}</strong> ({prompt.host}:{prompt.port}) in security domain{' '}
          <strong>{prompt.domain}</strong> asks this to log in as <strong>{prompt.user}</strong> with
          credential <strong>{prompt.credential}</strong>. Paddock cannot answer it from the vault; your
          answer is sent to this login only and never kept.
        </p>
        {prompt.instructions && (
          <p className="auth-instructions" data-testid="auth-instructions">
            {prompt.instructions}
          </p>
        )}
      </div>
      <form onSubmit={onSubmit}>
        <div className="auth-fields">
          {prompt.prompts.map((p, i) => (
            <div className="form-field" key={i}>
              <label htmlFor={`${fieldId}-${i}`}>{p.text || `Answer ${i + 1}`}</label>
              <input
                id={`${fieldId}-${i}`}
                type={p.echo ? 'text' : 'password'}
                className="input"
                value={answers[i] ?? ''}
                autoFocus={i === 0}
                autoComplete={p.echo ? 'off' : 'one-time-code'}
                spellCheck={false}
                maxLength={MAX_ANSWER_BYTES}
                disabled={busy}
                onChange={(e) => {
                  const v = e.target.value;
                  setAnswers((a) => a.map((x, k) => (k === i ? v : x)));
                }}
              />
            </div>
          ))}
        </div>
        <p className="muted">
          Unanswered, it counts as Cancel at {new Date(prompt.expiresAt).toLocaleTimeString()}.
        </p>
        <FormError error={error} />
        <div className="modal-actions">
          <button type="button" className="btn" disabled={busy} onClick={() => send(null)}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Log in
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

export function AuthPromptDialogs() {
  const prompt = useAuthPromptStore((s) => s.prompts[0]);
  if (!prompt) return null;
  return <AuthPromptDialog key={prompt.promptId} prompt={prompt} />;
}
