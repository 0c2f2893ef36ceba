// Building and writing the audit records of one remote command: write-ahead and fail-closed.
// A command that will be sent gets a start record, durable before its first byte leaves
// (startAudit); if that record cannot be written the command is not run. Its end record, with
// the outcome, follows whatever happens (AuditedCommand.end). An attempt that is never sent
// (refused arguments, no connection) gets one complete record (writeAudit).
import { randomUUID } from 'node:crypto';
import { AuditLogError } from '../audit/audit-log';
import type { AuditKind, AuditRecord, AuditSink } from '../audit/record';
import { markEnded, markRunning } from '../audit/running';
import type { CommandResult } from '../exec/types';
import { errorCode } from './errors';

/** Who and where, fixed for a connection. */
export interface AuditContext {
  sink: AuditSink;
  domain: string;
  name: string;
  address: string;
  user: string;
}

/** Which record could not be written: the start (nothing was sent), the end, or a refusal. */
export type AuditFailure = 'start' | 'end' | 'refused';

function describeCause(cause: unknown): string {
  if (cause instanceof AuditLogError)
    return `the audit log ${cause.file} could not be written: ${cause.reason}`;
  return `the audit log could not be written: ${cause instanceof Error ? cause.message : String(cause)}`;
}

export class AuditFailedError extends Error {
  readonly code = 'audit-failed';
  constructor(
    readonly failure: AuditFailure,
    label: string,
    cause: unknown,
    /** The command's outcome, which could not be recorded (end records only). */
    readonly outcome: CommandResult | null,
    /** Why a refused attempt was refused. */
    refusal?: unknown,
  ) {
    const why = describeCause(cause);
    super(
      failure === 'start'
        ? `${label}: not run: ${why}`
        : failure === 'end'
          ? `${label}: the command ran but its outcome could not be recorded: ${why}`
          : `${label}: not run (${refusal instanceof Error ? refusal.message : String(refusal)}), and ${why}`,
    );
    this.name = 'AuditFailedError';
  }
}

export function requireSink(sink: unknown): AuditSink {
  if (!sink || typeof (sink as AuditSink).append !== 'function') {
    throw new TypeError('An audit sink is required: every remote command is written to the audit log');
  }
  return sink as AuditSink;
}

/** Arguments as recorded: whatever was asked, even if it was refused as unsafe. */
function recordedArgv(argv: unknown): string[] {
  return Array.isArray(argv)
    ? argv.map((a) => (typeof a === 'string' ? a : `<${typeof a}>`))
    : ['<not an array>'];
}

type Outcome = { result: CommandResult } | { error: unknown };

function who(ctx: AuditContext, kind: AuditKind, argv: unknown, startedAt: number) {
  return {
    time: new Date(startedAt).toISOString(),
    domain: ctx.domain,
    host: ctx.name,
    address: ctx.address,
    user: ctx.user,
    argv: recordedArgv(argv),
    kind,
  };
}

function outcomeFields(outcome: Outcome, startedAt: number) {
  if ('result' in outcome) {
    const r = outcome.result;
    return { exitCode: r.code, ...(r.signal ? { signal: r.signal } : {}), durationMs: r.durationMs };
  }
  const e = outcome.error;
  const partial = (e as { partial?: CommandResult } | null)?.partial;
  return {
    exitCode: partial?.code ?? null,
    ...(partial?.signal ? { signal: partial.signal } : {}),
    durationMs: Math.max(0, Date.now() - startedAt),
    error: { code: errorCode(e), message: e instanceof Error ? e.message : String(e) },
  };
}

const labelOf = (ctx: AuditContext) => `${ctx.domain}/${ctx.name}`;

/** One complete record for an attempt that was never sent (refused, or no connection). */
export async function writeAudit(
  ctx: AuditContext,
  kind: AuditKind,
  argv: unknown,
  startedAt: number,
  outcome: Outcome,
): Promise<void> {
  const record: AuditRecord = { ...who(ctx, kind, argv, startedAt), ...outcomeFields(outcome, startedAt) };
  try {
    await ctx.sink.append(record);
  } catch (e) {
    if ('result' in outcome) throw new AuditFailedError('end', labelOf(ctx), e, outcome.result);
    throw new AuditFailedError('refused', labelOf(ctx), e, null, outcome.error);
  }
}

/** A command whose start record is durable; `end` records its outcome (once). */
export interface AuditedCommand {
  readonly id: string;
  end(outcome: Outcome): Promise<void>;
}

/**
 * Write the start record of a command about to be sent; resolves once it is durable. Throws an
 * `audit-failed` AuditFailedError when it cannot be written: the caller must not send anything.
 */
export async function startAudit(
  ctx: AuditContext,
  kind: AuditKind,
  argv: readonly string[],
  startedAt: number,
): Promise<AuditedCommand> {
  const id = randomUUID();
  const base = { ...who(ctx, kind, argv, startedAt), id };
  // Marked running before its line can be read (the line is visible while it is being synced)
  // and until its end line is written: a reader never sees it as abandoned while it runs.
  markRunning(id);
  try {
    await ctx.sink.append({ ...base, phase: 'start', exitCode: null, durationMs: 0 });
  } catch (e) {
    markEnded(id);
    throw new AuditFailedError('start', labelOf(ctx), e, null);
  }
  let ended: Promise<void> | null = null;
  return {
    id,
    end(outcome) {
      ended ??= (async () => {
        try {
          await ctx.sink.append({ ...base, phase: 'end', ...outcomeFields(outcome, startedAt) });
        } catch (e) {
          throw new AuditFailedError('end', labelOf(ctx), e, 'result' in outcome ? outcome.result : null);
        } finally {
          markEnded(id);
        }
      })();
      return ended;
    },
  };
}
