// Reading the audit log for the UI: the current file and its rotated predecessors, filtered by
// domain, host, time range and free text, newest first, in bounded memory (only `limit` matches
// are kept). Lines that are not valid records (a torn last line after a crash) are counted and
// skipped, never fatal.
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { AuditRecord } from './record';
import { auditRecordSchema } from './record';

export const auditQuerySchema = z
  .object({
    domain: z.string().max(200).optional(),
    host: z.string().max(500).optional(),
    /** ISO time, inclusive. */
    from: z.iso.datetime({ offset: true }).optional(),
    /** ISO time, exclusive. */
    to: z.iso.datetime({ offset: true }).optional(),
    /** Case-insensitive substring of the argv, host, user, domain or error. */
    text: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(10_000).default(500),
  })
  .strict();

export type AuditQuery = z.input<typeof auditQuerySchema>;

export interface AuditPage {
  /** Newest first. */
  records: AuditRecord[];
  /** More records matched than `limit`; the oldest were left out. */
  truncated: boolean;
  /** Lines that were not valid audit records (e.g. torn by a crash). */
  malformedLines: number;
}

export class AuditQueryError extends Error {
  readonly code = 'invalid-request';
  constructor(reason: string) {
    super(`Invalid audit query: ${reason}`);
    this.name = 'AuditQueryError';
  }
}

/** The log's files, oldest first: file.N ... file.1, file. */
async function logFiles(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const names = await readdir(dir).catch(() => [] as string[]);
  const rotated = names
    .map((n) => ({ n, m: n.startsWith(`${base}.`) ? /^\d+$/.exec(n.slice(base.length + 1)) : null }))
    .filter((x) => x.m)
    .map((x) => ({ n: x.n, i: Number(x.n.slice(base.length + 1)) }))
    .sort((a, b) => b.i - a.i)
    .map((x) => path.join(dir, x.n));
  return [...rotated, ...(names.includes(base) ? [file] : [])];
}

function matcher(q: z.output<typeof auditQuerySchema>): (r: AuditRecord) => boolean {
  const from = q.from ? Date.parse(q.from) : -Infinity;
  const to = q.to ? Date.parse(q.to) : Infinity;
  const text = q.text?.toLowerCase();
  return (r) => {
    if (q.domain !== undefined && r.domain !== q.domain) return false;
    if (q.host !== undefined && r.host !== q.host) return false;
    const t = Date.parse(r.time);
    if (t < from || t >= to) return false;
    if (text) {
      const hay = [
        r.domain,
        r.host,
        r.address,
        r.user,
        ...r.argv,
        r.error?.message ?? '',
        r.error?.code ?? '',
      ]
        .join('\n')
        .toLowerCase();
      if (!hay.includes(text)) return false;
    }
    return true;
  };
}

export async function readAudit(file: string, query: AuditQuery = {}): Promise<AuditPage> {
  const parsed = auditQuerySchema.safeParse(query);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new AuditQueryError(`${i?.path.join('.') || '(query)'}: ${i?.message ?? 'bad query'}`);
  }
  const q = parsed.data;
  const matches = matcher(q);
  // Ring buffer of the newest `limit` matches.
  const ring: AuditRecord[] = [];
  let start = 0;
  let matched = 0;
  let malformedLines = 0;
  for (const f of await logFiles(file)) {
    const lines = createInterface({ input: createReadStream(f, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      let rec: AuditRecord;
      try {
        const r = auditRecordSchema.safeParse(JSON.parse(line));
        if (!r.success) throw new Error('shape');
        rec = r.data;
      } catch {
        malformedLines++;
        continue;
      }
      if (!matches(rec)) continue;
      matched++;
      if (ring.length < q.limit) ring.push(rec);
      else {
        ring[start] = rec;
        start = (start + 1) % q.limit;
      }
    }
  }
  const ordered = [...ring.slice(start), ...ring.slice(0, start)].reverse();
  return { records: ordered, truncated: matched > q.limit, malformedLines };
}
