// Where "remember on this computer" keeps a vault passphrase, as the vault decides it
// (core/vault/remember) and the renderer explains it (core/ipc/contract).

export type RememberMode =
  | { mode: 'keyring'; backend: string }
  /** No real keyring (e.g. Linux "basic_text"): kept in memory until Paddock quits. */
  | { mode: 'memory'; reason: string };
