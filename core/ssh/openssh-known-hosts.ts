// Importing trust from OpenSSH's ~/.ssh/known_hosts: plain and hashed (|1|salt|hash) entries,
// the [host]:port form for non-22 ports, comma lists, wildcards and negations, @revoked.
// Hashed entries can only be matched against a given host, so the import is always for a list of
// targets (a domain's containers), and each key found goes into that domain's store.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { homedir } from 'node:os';
import path from 'node:path';
import type { KnownHostsImportReport, KnownHostsProblem } from '../records/known-host';
import { readFileBounded } from '../storage/atomic-file';
import { blobKeyType, sha256Fingerprint } from './fingerprint';
import type { KnownHostsStore } from './known-hosts';
import { normalizeHost } from './known-hosts';

export interface OpenSshKnownHostLine {
  line: number;
  marker?: 'cert-authority' | 'revoked';
  patterns: string[];
  keyType: string;
  fingerprint: string;
}

// The report is pure (the contract sends it to the renderer as is).
export type { KnownHostsImportReport, KnownHostsProblem } from '../records/known-host';

/** The host string OpenSSH hashes and matches: "host" on port 22, "[host]:port" otherwise. */
export function hostKeyName(host: string, port: number): string {
  const h = normalizeHost(host);
  return port === 22 ? h : `[${h}]:${port}`;
}

export function parseOpenSshKnownHosts(text: string): {
  entries: OpenSshKnownHostLine[];
  problems: KnownHostsProblem[];
} {
  const entries: OpenSshKnownHostLine[] = [];
  const problems: KnownHostsProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (!s || s.startsWith('#')) return;
    const fields = s.split(/\s+/);
    let marker: OpenSshKnownHostLine['marker'];
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift();
      if (m === '@cert-authority') marker = 'cert-authority';
      else if (m === '@revoked') marker = 'revoked';
      else return problems.push({ line, reason: `unknown marker ${m}` });
    }
    const [hosts, keyType, b64] = fields;
    if (!hosts || !keyType || !b64)
      return problems.push({ line, reason: 'expected: hosts key-type base64-key' });
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return problems.push({ line, reason: 'key is not base64' });
    const blob = Buffer.from(b64, 'base64');
    const inner = blobKeyType(blob);
    if (inner !== keyType) {
      return problems.push({
        line,
        reason: `key type ${keyType} does not match the key's own type ${inner ?? '(none)'}`,
      });
    }
    entries.push({
      line,
      ...(marker ? { marker } : {}),
      patterns: hosts.split(',').filter(Boolean),
      keyType,
      fingerprint: sha256Fingerprint(blob),
    });
  });
  return { entries, problems };
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function hashedMatches(pattern: string, name: string): boolean {
  const parts = pattern.split('|');
  if (parts.length !== 4 || parts[1] !== '1' || !parts[2] || !parts[3]) return false;
  const salt = Buffer.from(parts[2], 'base64');
  const want = Buffer.from(parts[3], 'base64');
  const got = createHmac('sha1', salt).update(name).digest();
  return want.length === got.length && timingSafeEqual(want, got);
}

/** OpenSSH semantics: some pattern matches and no negated pattern does. */
export function hostMatches(patterns: readonly string[], host: string, port: number): boolean {
  const name = hostKeyName(host, port);
  let hit = false;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    const pat = negated ? p.slice(1) : p;
    const m = pat.startsWith('|') ? hashedMatches(pat, name) : globToRegExp(pat).test(name);
    if (m && negated) return false;
    if (m) hit = true;
  }
  return hit;
}

/** Import the keys known_hosts has for these targets into a domain's store. */
export async function importOpenSshKnownHosts(
  store: KnownHostsStore,
  text: string,
  targets: readonly { host: string; port: number }[],
): Promise<KnownHostsImportReport> {
  const { entries, problems } = parseOpenSshKnownHosts(text);
  const report: KnownHostsImportReport = {
    imported: [],
    alreadyKnown: 0,
    conflicts: [],
    skipped: [],
    problems,
  };
  for (const t of targets) {
    const mine = entries.filter((e) => hostMatches(e.patterns, t.host, t.port));
    const revoked = new Set(mine.filter((e) => e.marker === 'revoked').map((e) => e.fingerprint));
    for (const e of mine) {
      if (e.marker) {
        const reason =
          e.marker === 'revoked' ? 'key is marked @revoked' : '@cert-authority entries are not supported';
        report.skipped.push({ host: t.host, port: t.port, line: e.line, reason });
        continue;
      }
      if (revoked.has(e.fingerprint)) {
        report.skipped.push({
          host: t.host,
          port: t.port,
          line: e.line,
          reason: 'key is also marked @revoked',
        });
        continue;
      }
      try {
        const r = await store.add(
          t.host,
          t.port,
          { keyType: e.keyType, fingerprint: e.fingerprint },
          'imported',
        );
        if (r === 'added')
          report.imported.push({
            host: normalizeHost(t.host),
            port: t.port,
            keyType: e.keyType,
            fingerprint: e.fingerprint,
          });
        else report.alreadyKnown++;
      } catch (err) {
        report.conflicts.push({
          host: t.host,
          port: t.port,
          keyType: e.keyType,
          reason: (err as Error).message,
        });
      }
    }
  }
  return report;
}

/** The user's own known_hosts file. */
export function userKnownHostsFile(): string {
  return path.join(homedir(), '.ssh', 'known_hosts');
}

/** Largest known_hosts file read (a workstation's is kilobytes; this bounds a hostile one). */
export const MAX_KNOWN_HOSTS_BYTES = 16 * 1024 * 1024;

/** A known_hosts file's text, or null when there is no such file. */
export async function readKnownHostsFile(file = userKnownHostsFile()): Promise<string | null> {
  try {
    return await readFileBounded(file, MAX_KNOWN_HOSTS_BYTES);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Import from a known_hosts file (default ~/.ssh/known_hosts); an absent file imports nothing. */
export async function importKnownHostsFile(
  store: KnownHostsStore,
  targets: readonly { host: string; port: number }[],
  file = userKnownHostsFile(),
): Promise<KnownHostsImportReport> {
  const text = await readKnownHostsFile(file);
  if (text === null) return { imported: [], alreadyKnown: 0, conflicts: [], skipped: [], problems: [] };
  return importOpenSshKnownHosts(store, text, targets);
}
