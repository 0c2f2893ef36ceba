// What a leak of secret material looks like, for tests that scan everything the renderer was
// sent (or every file left on disk) for it: passphrases and passwords as typed, and for private
// keys every line of the PEM/OpenSSH body plus the raw private scalar in base64, base64url and
// hex. Shared by the handler tests and the end-to-end secret scans.
import { createPrivateKey } from 'node:crypto';
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';

export interface Needle {
  label: string;
  text: string;
  /** Binary-only needle (raw key bytes): looked for in files, not in JSON text. */
  binary?: Buffer;
}

/** Shorter strings could occur by chance; every needle made here is longer. */
const MIN_NEEDLE = 16;

export function textNeedles(label: string, secret: string): Needle[] {
  if (secret.length < 8) throw new Error(`${label}: use secrets of 8+ characters so a scan means something`);
  return [{ label, text: secret }];
}

export function keyNeedles(label: string, privateKeyText: string, passphrase?: string): Needle[] {
  const out: Needle[] = [];
  const parsed = ssh2.utils.parseKey(privateKeyText, passphrase);
  const k: ParsedKey | undefined =
    parsed instanceof Error ? undefined : Array.isArray(parsed) ? parsed[0] : parsed;
  if (!k) throw new Error(`${label}: not a readable private key`);
  // The OpenSSH format repeats the public key inside the private file: a body line made of
  // nothing but public key bytes is public (and the renderer is shown public keys).
  const publicB64 = k.getPublicSSH().toString('base64');
  const body = privateKeyText
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('-----') && !l.includes(':'));
  for (const [i, line] of body.entries()) {
    if (line.length >= MIN_NEEDLE && !publicB64.includes(line)) {
      out.push({ label: `${label}: key body line ${i + 1}`, text: line });
    }
  }
  const jwk = createPrivateKey(k.getPrivatePEM()).export({ format: 'jwk' });
  for (const field of ['d', 'p', 'q'] as const) {
    const v = jwk[field];
    if (typeof v !== 'string') continue;
    const raw = Buffer.from(v, 'base64url');
    out.push(
      { label: `${label}: private ${field} (base64url)`, text: v },
      { label: `${label}: private ${field} (base64)`, text: raw.toString('base64').replace(/=+$/, '') },
      { label: `${label}: private ${field} (hex)`, text: raw.toString('hex') },
      { label: `${label}: private ${field} (raw bytes)`, text: '', binary: raw },
    );
  }
  return out.filter((n) => n.text.length >= MIN_NEEDLE || (n.binary?.length ?? 0) >= MIN_NEEDLE);
}

/** The needles found in a text (case-insensitive for hex). */
export function leaks(haystack: string, needles: readonly Needle[]): string[] {
  const lower = haystack.toLowerCase();
  return needles
    .filter((n) => n.text !== '')
    .filter((n) => haystack.includes(n.text) || (/^[0-9a-f]+$/.test(n.text) && lower.includes(n.text)))
    .map((n) => n.label);
}

/** The same, for binary contents (files): as UTF-8 and UTF-16 text (browser storage keeps
 * strings in UTF-16), and raw bytes. */
export function leaksInBytes(bytes: Buffer, needles: readonly Needle[]): string[] {
  const found = new Set(leaks(bytes.toString('latin1'), needles));
  for (const n of needles) {
    const hit = n.binary
      ? bytes.includes(n.binary)
      : bytes.includes(Buffer.from(n.text, 'utf8')) || bytes.includes(Buffer.from(n.text, 'utf16le'));
    if (hit) found.add(n.label);
  }
  return [...found];
}
