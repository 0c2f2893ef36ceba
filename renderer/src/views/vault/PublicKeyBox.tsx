// A public key line to put in a host's authorized_keys, with a Copy button. Falls back to
// selecting the text when the clipboard is not available (a locked-down window may refuse it).
import { useRef, useState } from 'react';

export function PublicKeyBox({ publicKey, label }: { publicKey: string; label: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(publicKey);
      setCopied('yes');
    } catch {
      ref.current?.focus();
      ref.current?.select();
      setCopied('select');
    }
  };
  return (
    <div className="pubkey">
      <textarea
        ref={ref}
        className="pubkey-text"
        readOnly
        rows={3}
        value={publicKey}
        aria-label={label}
        spellCheck={false}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="pubkey-actions">
        <button type="button" className="btn btn-small" onClick={() => void copy()}>
          Copy
        </button>
        <span className="form-hint" aria-live="polite">
          {copied === 'yes' ? 'Copied.' : copied === 'select' ? 'Selected: press Ctrl+C to copy.' : ''}
        </span>
      </div>
    </div>
  );
}
