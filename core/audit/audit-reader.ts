// Reading the audit log for the UI: the current file and its rotated predecessors, one row per
// command, filtered by domain, host, time range, state and free text, newest first. A command's
// start and end records (same id) make one row; a start without an end is a command still
// running in this process, or one whose outcome was never written (Paddock stopped while it
// ran); single records (refused attempts, the format before write-ahead logging) are rows of
// their own. Rows are ordered by where their first line is. Memory stays bounded: only `limit`
// rows and the starts still waiting for their end are kept. Lines that are not valid records (a
// torn last line after a crash) are counted and skipped, never fatal.
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { auditRow, auditStatusFilters, matchesStatus } from '../records/audit-record';
import type { AuditRecord, AuditRow } from './record';
import { auditRecordSchema } from './record';
import { isRunning } from './running';

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
    /** "done": commands with a recorded outcome; "unfinished": running or no outcome recorded. */
    status: z.enum(auditStatusFilters).optional(),
    limit: z.number().int().min(1).max(10_000).default(500),
  })
  .strict();

export type AuditQuery = z.input<typeof auditQuerySchema>;

export interface AuditPage {
  /** One row per command, newest first. */
  records: AuditRow[];
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

function matcher(q: z.output<typeof auditQuerySchema>): (r: AuditRow) => boolean {
  const from = q.from ? Date.parse(q.from) : -Infinity;
  const to = q.to ? Date.parse(q.to) : Infinity;
  const text = q.text?.toLowerCase();
  return (r) => {
    if (q.domain !== undefined && r.domain !== q.domain) return false;
    if (q.host !== undefined && r.host !== q.host) return false;
    if (!matchesStatus(r.state, q.status)) return false;
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

export interface ReadAuditOptions {
  /** Whether this process is still running the command with this id (default: the registry). */
  isRunning?: (id: string) => boolean;
}

/**
 * Pair records into rows, keeping the newest `limit` rows that `matches` accepts. Pure over
 * its input: the unit tests feed it lines directly.
 */
export async function pairAudit(
  lines: AsyncIterable<string> | Iterable<string>,
  matches: (r: AuditRow) => boolean,
  limit: number,
  running: (id: string) => boolean,
): Promise<AuditPage> {
  // Starts waiting for their end: id -> (record, position of its line).
  const open = new Map<string, { start: AuditRecord; seq: number }>();
  let kept: { row: AuditRow; seq: number }[] = [];
  let matched = 0;
  let malformedLines = 0;
  let seq = 0;
  const keep = (row: AuditRow, at: number) => {
    if (!matches(row)) return;
    matched++;
    kept.push({ row, seq: at });
    // Trim to the newest `limit` now and then (rows complete out of order).
    if (kept.length >= 2 * limit) kept = newest(kept, limit);
  };
  for await (const line of lines) {
    if (!line) continue;
    seq++;
    let rec: AuditRecord;
    try {
      const r = auditRecordSchema.safeParse(JSON.parse(line));
      if (!r.success) throw new Error('shape');
      rec = r.data;
    } catch {
      malformedLines++;
      continue;
    }
    if (rec.id === undefined) keep(auditRow(undefined, rec, false), seq);
    else if (rec.phase === 'start') {
      if (open.has(rec.id)) malformedLines++;
      else open.set(rec.id, { start: rec, seq });
    } else {
      const s = open.get(rec.id);
      open.delete(rec.id);
      // An end whose start is gone (rotated away, torn) still says everything: a row of its own.
      keep(auditRow(s?.start, rec, false), s ? s.seq : seq);
    }
  }
  for (const [id, s] of open) keep(auditRow(s.start, undefined, running(id)), s.seq);
  return {
    records: newest(kept, limit).map((k) => k.row),
    truncated: matched > limit,
    malformedLines,
  };
}

/** The `limit` rows with the latest positions, newest first. */
function newest<T extends { seq: number }>(rows: T[], limit: number): T[] {
  return rows.sort((a, b) => b.seq - a.seq).slice(0, limit);
}

async function* logLines(file: string): AsyncIterable<string> {
  for (const f of await logFiles(file)) {
    yield* createInterface({ input: createReadStream(f, { encoding: 'utf8' }), crlfDelay: Infinity });
  }
}

export async function readAudit(
  file: string,
  query: AuditQuery = {},
  options: ReadAuditOptions = {},
): Promise<AuditPage> {
  const parsed = auditQuerySchema.safeParse(query);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new AuditQueryError(`${i?.path.join('.') || '(query)'}: ${i?.message ?? 'bad query'}`);
  }
  const q = parsed.data;
  return pairAudit(logLines(file), matcher(q), q.limit, options.isRunning ?? isRunning);
}
