// Building and writing the audit record of one remote command (or of a refused attempt).
import type { AuditKind, AuditRecord, AuditSink } from '../audit/record';
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

export class AuditFailedError extends Error {
  readonly code = 'audit-failed';
  constructor(
    cause: unknown,
    /** The command's outcome, which could not be recorded. */
    readonly outcome: CommandResult | null,
  ) {
    super(
      `The command ran but could not be written to the audit log: ${cause instanceof Error ? cause.message : String(cause)}`,
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

export async function writeAudit(
  ctx: AuditContext,
  kind: AuditKind,
  argv: unknown,
  startedAt: number,
  outcome: { result: CommandResult } | { error: unknown },
): Promise<void> {
  const base = {
    time: new Date(startedAt).toISOString(),
    domain: ctx.domain,
    host: ctx.name,
    address: ctx.address,
    user: ctx.user,
    argv: recordedArgv(argv),
    kind,
  };
  let record: AuditRecord;
  if ('result' in outcome) {
    const r = outcome.result;
    record = {
      ...base,
      exitCode: r.code,
      ...(r.signal ? { signal: r.signal } : {}),
      durationMs: r.durationMs,
    };
  } else {
    const e = outcome.error;
    const partial = (e as { partial?: CommandResult }).partial;
    record = {
      ...base,
      exitCode: partial?.code ?? null,
      ...(partial?.signal ? { signal: partial.signal } : {}),
      durationMs: Date.now() - startedAt,
      error: { code: errorCode(e), message: e instanceof Error ? e.message : String(e) },
    };
  }
  try {
    await ctx.sink.append(record);
  } catch (e) {
    throw new AuditFailedError(e, 'result' in outcome ? outcome.result : null);
  }
}
