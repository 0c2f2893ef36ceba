// One audit record: one remote command Paddock ran (or refused to run), as one JSON line.
import { z } from 'zod';

export type AuditKind = 'exec' | 'interactive' | 'probe';

export interface AuditRecord {
  /** When the command was started (ISO 8601, UTC). */
  time: string;
  domain: string;
  /** The container's name (or address when it has none). */
  host: string;
  /** host:port actually connected to. */
  address: string;
  user: string;
  argv: string[];
  kind: AuditKind;
  /** Exit status; null when there was none (refused, failed to connect, killed, cut off). */
  exitCode: number | null;
  signal?: string;
  durationMs: number;
  error?: { code: string; message: string };
}

/** Where every remote command is recorded. The SSH pool cannot be built without one. */
export interface AuditSink {
  /** Resolves once the record is durable (written and fsync'd). */
  append(record: AuditRecord): Promise<void>;
}

export const auditRecordSchema = z
  .object({
    time: z.iso.datetime(),
    domain: z.string(),
    host: z.string(),
    address: z.string(),
    user: z.string(),
    argv: z.array(z.string()),
    kind: z.enum(['exec', 'interactive', 'probe']),
    exitCode: z.number().int().nullable(),
    signal: z.string().optional(),
    durationMs: z.number().nonnegative(),
    error: z.object({ code: z.string(), message: z.string() }).strict().optional(),
  })
  .strict();

/** Longest line written; a longer record has its argv elements shortened (and says so). */
export const MAX_AUDIT_LINE_BYTES = 256 * 1024;

export function auditLine(record: AuditRecord): string {
  const parsed = auditRecordSchema.safeParse(record);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(
      `Invalid audit record: ${i?.path.join('.') || '(record)'}: ${i?.message ?? 'bad record'}`,
    );
  }
  let line = JSON.stringify(parsed.data);
  if (Buffer.byteLength(line) > MAX_AUDIT_LINE_BYTES) {
    const cut = record.argv.map((a) => (a.length > 1024 ? `${a.slice(0, 1024)}…[${a.length} chars]` : a));
    line = JSON.stringify({ ...parsed.data, argv: cut.slice(0, 200) });
  }
  return `${line}\n`;
}
