// One audit record: one remote command Paddock ran (or refused to run). The audit log stores it
// as one JSON line (core/audit) and the renderer is sent it as is (core/ipc/contract), so it is
// defined once here, in pure core. It is shown to the user: nothing secret may be added to it.
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
