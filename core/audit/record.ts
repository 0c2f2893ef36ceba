// Writing audit records: a command's start or end (or a refused attempt), as one JSON line.
import type { AuditRecord } from '../records/audit-record';
import { auditRecordSchema } from '../records/audit-record';

// The record itself is pure (the contract sends it to the renderer as is).
export type {
  AuditKind,
  AuditPhase,
  AuditRecord,
  AuditRow,
  AuditRowState,
  AuditStatusFilter,
} from '../records/audit-record';
export { auditRecordSchema } from '../records/audit-record';

/** Where every remote command is recorded. The SSH pool cannot be built without one. */
export interface AuditSink {
  /** Resolves once the record is durable (written and fsync'd). */
  append(record: AuditRecord): Promise<void>;
}

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
