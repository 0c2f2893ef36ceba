// The plaintext inside a sealed vault: a JSON description of the credentials (no secrets in it)
// followed by the secret byte strings. Secrets are kept out of the JSON so that they never
// become JavaScript strings (which cannot be wiped) when a vault is opened: they are copied
// from the decrypted buffer into their own Buffers, and the decrypted buffer is zeroed.
//
//   u32 meta length | meta JSON | u32 secret count | (u32 length | bytes) * count
import { z } from 'zod';
import type { CredentialInfo } from './credential';

export const PAYLOAD_VERSION = 1;
const MAX_SECRETS = 10_000;

export interface SecretSlots {
  key?: Buffer;
  passphrase?: Buffer;
  password?: Buffer;
}

export interface StoredCredential {
  info: CredentialInfo;
  secrets: SecretSlots;
}

export interface VaultPayload {
  domain: string;
  savedAt: string;
  credentials: StoredCredential[];
}

const slotNames = ['key', 'passphrase', 'password'] as const;

const infoSchema = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(100),
    kind: z.enum(['private-key', 'password', 'agent']),
    createdAt: z.string().max(40),
    keyType: z.string().max(64).optional(),
    fingerprint: z.string().max(128).optional(),
    publicKey: z.string().max(16_384).optional(),
    encryptedKey: z.boolean().optional(),
    methods: z
      .array(z.enum(['password', 'keyboard-interactive']))
      .max(2)
      .optional(),
    agentSocket: z.string().max(4096).optional(),
  })
  .strict();

const metaSchema = z
  .object({
    v: z.literal(PAYLOAD_VERSION),
    domain: z.string().min(1),
    savedAt: z.string(),
    credentials: z.array(
      z
        .object({
          info: infoSchema,
          slots: z
            .object({
              key: z.number().int().min(0).optional(),
              passphrase: z.number().int().min(0).optional(),
              password: z.number().int().min(0).optional(),
            })
            .strict(),
        })
        .strict(),
    ),
  })
  .strict();

export class PayloadError extends Error {
  constructor(where: string, reason: string) {
    super(`${where}: vault contents are malformed: ${reason}`);
    this.name = 'PayloadError';
  }
}

export function encodePayload(p: VaultPayload): Buffer {
  const blobs: Buffer[] = [];
  const credentials = p.credentials.map((c) => {
    const slots: Partial<Record<(typeof slotNames)[number], number>> = {};
    for (const s of slotNames) {
      const v = c.secrets[s];
      if (v) {
        slots[s] = blobs.length;
        blobs.push(v);
      }
    }
    return { info: c.info, slots };
  });
  const meta = Buffer.from(
    JSON.stringify({ v: PAYLOAD_VERSION, domain: p.domain, savedAt: p.savedAt, credentials }),
    'utf8',
  );
  const size = 8 + meta.length + blobs.reduce((n, b) => n + 4 + b.length, 0);
  const out = Buffer.alloc(size);
  let o = out.writeUInt32BE(meta.length, 0);
  o += meta.copy(out, o);
  o = out.writeUInt32BE(blobs.length, o);
  for (const b of blobs) {
    o = out.writeUInt32BE(b.length, o);
    o += b.copy(out, o);
  }
  return out;
}

/** Decode a plaintext; secrets are copied out, so the caller can zero `plain` afterwards. */
export function decodePayload(plain: Buffer, where: string): VaultPayload {
  const fail = (reason: string) => new PayloadError(where, reason);
  if (plain.length < 8) throw fail('too short');
  const metaLength = plain.readUInt32BE(0);
  if (4 + metaLength + 4 > plain.length) throw fail('description length out of range');
  let meta: z.infer<typeof metaSchema>;
  try {
    meta = metaSchema.parse(JSON.parse(plain.subarray(4, 4 + metaLength).toString('utf8')));
  } catch (e) {
    throw fail(`description: ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`);
  }
  let o = 4 + metaLength;
  const count = plain.readUInt32BE(o);
  o += 4;
  if (count > MAX_SECRETS) throw fail(`${count} secrets is more than ${MAX_SECRETS}`);
  const blobs: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    if (o + 4 > plain.length) throw fail(`secret ${i} is truncated`);
    const len = plain.readUInt32BE(o);
    o += 4;
    if (o + len > plain.length) throw fail(`secret ${i} is truncated`);
    blobs.push(Buffer.from(plain.subarray(o, o + len)));
    o += len;
  }
  if (o !== plain.length) throw fail('unexpected bytes after the secrets');
  const used = new Set<number>();
  const credentials = meta.credentials.map((c, ci) => {
    const secrets: SecretSlots = {};
    for (const s of slotNames) {
      const idx = c.slots[s];
      if (idx === undefined) continue;
      const blob = blobs[idx];
      if (!blob || used.has(idx)) throw fail(`credentials[${ci}].${s} points at a missing or shared secret`);
      used.add(idx);
      secrets[s] = blob;
    }
    return { info: c.info as CredentialInfo, secrets };
  });
  return { domain: meta.domain, savedAt: meta.savedAt, credentials };
}

export function zeroSecrets(s: SecretSlots): void {
  for (const n of slotNames) s[n]?.fill(0);
}
