// Errors of the SSH layer: a stable code (for the UI and the audit log) and a sentence that names
// the target ("domain/host") and says what happened.

export type SshErrorCode =
  | 'host-key-unknown' // not trusted yet and no prompt allowed (monitoring)
  | 'host-key-refused' // the user said no
  | 'host-key-changed' // hard stop
  | 'auth-failed'
  | 'connect-failed'
  | 'connect-timeout'
  | 'connection-lost'
  | 'keepalive-timeout'
  | 'command-timeout'
  | 'output-limit'
  | 'aborted'
  | 'channel-failed'
  | 'bad-argument'
  | 'bad-target'
  | 'closed';

export class SshError extends Error {
  constructor(
    readonly code: SshErrorCode,
    readonly target: string,
    message: string,
  ) {
    super(`${target}: ${message}`);
    this.name = 'SshError';
  }
}

export interface PresentedKey {
  keyType: string;
  fingerprint: string;
}

/** The host presented a key that differs from the one we know: possible man-in-the-middle. */
export class HostKeyChangedError extends SshError {
  constructor(
    target: string,
    readonly known: readonly PresentedKey[],
    readonly presented: PresentedKey,
  ) {
    super(
      'host-key-changed',
      target,
      `HOST KEY CHANGED: the host presented ${presented.keyType} ${presented.fingerprint} but is known with ${known
        .map((k) => `${k.keyType} ${k.fingerprint}`)
        .join(
          ', ',
        )}. Disconnected; nothing was sent. If the host was really re-installed, remove its old key first.`,
    );
    this.name = 'HostKeyChangedError';
  }
}

/** Errors after which retrying cannot help until someone acts (no automatic reconnect). */
export function isPermanent(code: string): boolean {
  return [
    'host-key-unknown',
    'host-key-refused',
    'host-key-changed',
    'auth-failed',
    'bad-argument',
    'bad-target',
    'domain-mismatch',
    'vault-locked',
    'bad-credential',
    'vault-usage',
  ].includes(code);
}

export function errorCode(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return 'internal';
}

/** The error for an aborted wait: a timeout when the signal timed out, else a cancellation. */
export function abortError(reason: unknown, target: string, what = 'cancelled'): SshError {
  if (reason instanceof SshError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new SshError('command-timeout', target, 'timed out');
  }
  return new SshError('aborted', target, what);
}
