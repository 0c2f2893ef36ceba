// Core errors as the renderer sees them: a stable code and the core's sentence (which names the
// domain, host or file). The core's error classes carry a `code` of their own; the few that do
// not get one here. Decryption failures are the exception: one generic sentence per domain, so
// a wrong passphrase and a damaged file cannot be told apart.
import { PaddockError } from '../../../core/ipc/contract';

const CODE_BY_NAME: Readonly<Record<string, string>> = {
  VaultFormatError: 'vault-format',
  KdfParamsError: 'vault-format',
  VaultOpenError: 'wrong-passphrase',
  KeyMaterialError: 'key-invalid',
  KnownHostsError: 'known-hosts',
  FileTooLargeError: 'too-large',
};

export function wrongPassphrase(domain: string): PaddockError {
  return new PaddockError(
    'wrong-passphrase',
    `Cannot open the vault of "${domain}": wrong passphrase, or the vault file was damaged or altered`,
  );
}

/** The error to send for whatever a core call threw. */
export function toPaddockError(e: unknown): unknown {
  if (e instanceof PaddockError || !(e instanceof Error)) return e;
  const own = (e as { code?: unknown }).code;
  // Node's system errors carry codes like ENOENT: keep their message, call them I/O errors.
  if (typeof own === 'string' && /^[a-z][a-z-]*$/.test(own)) return new PaddockError(own, e.message);
  const byName = CODE_BY_NAME[e.name];
  if (byName) return new PaddockError(byName, e.message);
  if (typeof own === 'string') return new PaddockError('io', e.message);
  return e;
}

/** Run a core call, converting what it throws. */
export async function coreCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw toPaddockError(e);
  }
}
