// One-time codes as a token computes them (RFC 4226 HOTP), and the pam_oath stack of an sshd
// that asks for them, for tests that log in with a second factor.
import { createHmac } from 'node:crypto';
import { writeFile } from 'node:fs/promises';

/** HMAC-SHA1 of the 8-byte big-endian counter, dynamically truncated to `digits` digits. */
export function hotp(secret: Buffer, counter: number, digits = 6): string {
  const c = Buffer.alloc(8);
  c.writeBigUInt64BE(BigInt(counter));
  const h = createHmac('sha1', secret).update(c).digest();
  const off = (h[h.length - 1] ?? 0) & 0xf;
  return String((h.readUInt32BE(off) & 0x7fffffff) % 10 ** digits).padStart(digits, '0');
}

/** An sshd PAM stack (the harness's `pam` option) that asks root for a pam_oath code after the
 * `first` auth lines; root's HOTP secret is written to `usersFile` (mode 0600, as pam_oath wants). */
export async function oathPamStack(usersFile: string, secret: Buffer, first: string[] = []): Promise<string> {
  await writeFile(usersFile, `HOTP root - ${secret.toString('hex')}\n`, { mode: 0o600 });
  return [
    ...first,
    `auth required pam_oath.so usersfile=${usersFile} window=20 digits=6`,
    'account required pam_permit.so',
    'session required pam_permit.so',
    'password required pam_deny.so',
    '',
  ].join('\n');
}
