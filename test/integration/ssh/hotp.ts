// One-time codes as a token computes them (RFC 4226 HOTP), for tests that log in
// to an sshd whose PAM stack is pam_oath.
import { createHmac } from 'node:crypto';

/** HMAC-SHA1 of the 8-byte big-endian counter, dynamically truncated to `digits` digits. */
export function hotp(secret: Buffer, counter: number, digits = 6): string {
  const c = Buffer.alloc(8);
  c.writeBigUInt64BE(BigInt(counter));
  const h = createHmac('sha1', secret).update(c).digest();
  const off = (h[h.length - 1] ?? 0) & 0xf;
  return String((h.readUInt32BE(off) & 0x7fffffff) % 10 ** digits).padStart(digits, '0');
}
