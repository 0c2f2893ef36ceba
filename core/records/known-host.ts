// Trusted host keys as the known-hosts store keeps them (core/ssh) and as the renderer lists
// them (core/ipc/contract): one definition, in pure core. Only fingerprints: nothing secret.

export interface KnownHostEntry {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  addedAt: string;
  /** How it was trusted: the user accepted it, or it came from ~/.ssh/known_hosts. */
  source: 'accepted' | 'imported';
}

/** A line of an OpenSSH known_hosts file that could not be read. */
export interface KnownHostsProblem {
  line: number;
  reason: string;
}

/** What importing OpenSSH's known_hosts into a domain's store did (sent to the renderer as is). */
export interface KnownHostsImportReport {
  imported: { host: string; port: number; keyType: string; fingerprint: string }[];
  alreadyKnown: number;
  /** The store knows another key of that type for the host: nothing replaced. */
  conflicts: { host: string; port: number; keyType: string; reason: string }[];
  /** Keys marked @revoked (never imported) or @cert-authority (not supported) for a target. */
  skipped: { host: string; port: number; line: number; reason: string }[];
  problems: KnownHostsProblem[];
}
