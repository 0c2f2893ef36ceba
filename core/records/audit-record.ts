// One audit record: one remote command Paddock ran (or refused to run). The audit log stores it
// as one JSON line (core/audit) and the renderer is sent it as is (core/ipc/contract), so it is
// defined once here, in pure core. It is shown to the user: nothing secret may be added to it.
//
// The log is write-ahead: a command that is sent to a host has a "start" record, durable before
// its first byte leaves, and an "end" record with its outcome; both carry the same `id` and the
// whole who/where/argv, so each line reads on its own. Attempts that were never sent (refused
// arguments, failed connections) and every line written before write-ahead logging are single,
// complete records without `id` and `phase`.
import { z } from 'zod';

export type AuditKind = 'exec' | 'interactive' | 'probe';
export type AuditPhase = 'start' | 'end';

export interface AuditRecord {
  /** When the command was started (ISO 8601, UTC); the same in its start and end records. */
  time: string;
  domain: string;
  /** The container's name (or address when it has none). */
  host: string;
  /** host:port actually connected to. */
  address: string;
  user: string;
  argv: string[];
  kind: AuditKind;
  /** Pairs a command's start and end records (a random UUID). */
  id?: string;
  /** "start": written before the command was sent (no outcome yet); "end": its outcome. */
  phase?: AuditPhase;
  /** Exit status; null when there was none (refused, failed to connect, killed, cut off, start). */
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
    id: z.string().min(1).max(100).optional(),
    phase: z.enum(['start', 'end']).optional(),
    exitCode: z.number().int().nullable(),
    signal: z.string().optional(),
    durationMs: z.number().nonnegative(),
    error: z.object({ code: z.string(), message: z.string() }).strict().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.id === undefined) !== (r.phase === undefined))
      ctx.addIssue({ code: 'custom', path: ['phase'], message: 'id and phase go together' });
    if (r.phase === 'start' && (r.exitCode !== null || r.signal !== undefined || r.error !== undefined))
      ctx.addIssue({ code: 'custom', path: ['phase'], message: 'a start record has no outcome' });
  });

/**
 * What the audit view shows of one command:
 * - `done`: its outcome is recorded (an end record, or a single record);
 * - `running`: started by this Paddock process, which is still running it;
 * - `no-outcome`: started, but no end was ever written (Paddock stopped while it ran).
 */
export type AuditRowState = 'done' | 'running' | 'no-outcome';

/** One command: its end record (or its start record, when it has no end yet) and its state. */
export interface AuditRow extends Omit<AuditRecord, 'phase'> {
  state: AuditRowState;
}

/** Filter on the row state: finished commands, or those without a recorded outcome (the
 * contract's audit.query and the reader's query both accept these). */
export const auditStatusFilters = ['done', 'unfinished'] as const;
export type AuditStatusFilter = (typeof auditStatusFilters)[number];

export function matchesStatus(state: AuditRowState, filter: AuditStatusFilter | undefined): boolean {
  if (filter === undefined) return true;
  return filter === 'done' ? state === 'done' : state !== 'done';
}

/** The row of a command from its records (start and/or end). */
export function auditRow(
  start: AuditRecord | undefined,
  end: AuditRecord | undefined,
  running: boolean,
): AuditRow {
  const rec = end ?? start;
  if (!rec) throw new Error('auditRow needs a start or an end record');
  const { phase, ...rest } = rec;
  const state: AuditRowState = end || phase === undefined ? 'done' : running ? 'running' : 'no-outcome';
  return { ...rest, state };
}
