// Host key verification for one connection attempt, plugged into ssh2's asynchronous
// `hostVerifier`. ssh2 calls it during key exchange, before NEWKEYS: until it answers, the
// client has sent nothing but its version and key-exchange messages, so no user name and no
// credential can reach an unverified host. Unknown host: ask the HostKeyPrompt (trust on first
// use). Changed key, or a host known only by other key types: hard stop. A key the user
// accepted is saved only once the handshake has proven the host holds its private half.
import type { Algorithms } from 'ssh2';
import type { PresentedKey } from './errors';
import { HostKeyChangedError, SshError } from './errors';
import { algorithmsForKeyType, blobKeyType, sha256Fingerprint } from './fingerprint';
import type { KnownHostsStore } from './known-hosts';
import { judgeHostKey } from './known-hosts';

export interface HostKeyQuestion {
  domain: string;
  /** Container name as the user knows it. */
  name: string;
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
}

/** Implemented by the UI (a dialog showing the fingerprint) or by a CLI prompt. */
export interface HostKeyPrompt {
  /** Trust this unknown host? Resolve true to trust, false (or reject, or abort) to refuse. */
  confirmUnknownHost(q: HostKeyQuestion, signal: AbortSignal): Promise<boolean>;
  /** Told after a changed key stopped a connection (the dialog's default is "Disconnect"). */
  reportChangedKey?(q: HostKeyQuestion & { known: readonly PresentedKey[] }): void;
}

const DEFAULT_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Offer the algorithms of the key types we know first, as OpenSSH does, so that a host with
 * several keys presents the one we can check. */
type HostKeyAlgorithm = Extract<NonNullable<Algorithms['serverHostKey']>, unknown[]>[number];

export function hostKeyAlgorithms(knownTypes: readonly string[]): HostKeyAlgorithm[] {
  const first = knownTypes.flatMap(algorithmsForKeyType);
  const rest = DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => !first.includes(a));
  return [...new Set([...first, ...rest])] as HostKeyAlgorithm[];
}

export interface GateOptions {
  store: KnownHostsStore;
  /** null: never ask (background checks); an unknown host is refused. */
  prompt: HostKeyPrompt | null;
  label: string;
  domain: string;
  name: string;
  host: string;
  port: number;
  /** Aborted when the connection attempt is abandoned (closes an open dialog). */
  signal: AbortSignal;
  /** Connect timers stop while a person is deciding. */
  onPrompt?: (waiting: boolean) => void;
}

export class HostKeyGate {
  /** Why the host was refused, when it was. */
  failure: SshError | null = null;
  private accepted: PresentedKey | null = null;
  private presented: PresentedKey | null = null;

  constructor(private readonly o: GateOptions) {}

  /** ssh2's async host verifier (two-argument form: nothing proceeds until `verify` is called). */
  readonly verifier = (key: Buffer, verify: (ok: boolean) => void): void => {
    this.decide(key).then(verify, (e: unknown) => {
      this.failure ??= new SshError('host-key-refused', this.o.label, `host key check failed: ${String(e)}`);
      verify(false);
    });
  };

  /** Save the key the user accepted; call once the handshake completed (the host proved it). */
  async commit(): Promise<void> {
    if (!this.accepted) return;
    const k = this.accepted;
    this.accepted = null;
    await this.o.store.add(this.o.host, this.o.port, k, 'accepted');
  }

  get presentedKey(): PresentedKey | null {
    return this.presented;
  }

  private async decide(blob: Buffer): Promise<boolean> {
    const keyType = blobKeyType(blob);
    if (!keyType) {
      this.failure = new SshError('host-key-refused', this.o.label, 'the host sent a malformed host key');
      return false;
    }
    const presented = { keyType, fingerprint: sha256Fingerprint(blob) };
    this.presented = presented;
    // A re-key on this connection presenting the key accepted moments ago.
    if (this.accepted && this.accepted.fingerprint === presented.fingerprint) return true;
    const verdict = judgeHostKey(await this.o.store.lookup(this.o.host, this.o.port), presented);
    if (verdict.kind === 'match') return true;
    const question: HostKeyQuestion = {
      domain: this.o.domain,
      name: this.o.name,
      host: this.o.host,
      port: this.o.port,
      ...presented,
    };
    if (verdict.kind === 'changed') {
      this.failure = new HostKeyChangedError(this.o.label, verdict.known, presented);
      try {
        this.o.prompt?.reportChangedKey?.({ ...question, known: verdict.known });
      } catch {
        // Reporting is best effort; the connection is refused regardless.
      }
      return false;
    }
    if (!this.o.prompt) {
      this.failure = new SshError(
        'host-key-unknown',
        this.o.label,
        `host key ${presented.keyType} ${presented.fingerprint} is not trusted yet (connect once interactively to check and accept it)`,
      );
      return false;
    }
    this.o.onPrompt?.(true);
    let ok = false;
    try {
      ok = (await this.o.prompt.confirmUnknownHost(question, this.o.signal)) === true;
    } catch {
      ok = false;
    } finally {
      this.o.onPrompt?.(false);
    }
    if (this.o.signal.aborted) ok = false;
    if (!ok) {
      this.failure = new SshError(
        'host-key-refused',
        this.o.label,
        `host key ${presented.keyType} ${presented.fingerprint} was not accepted; nothing was sent`,
      );
      return false;
    }
    this.accepted = presented;
    return true;
  }
}
