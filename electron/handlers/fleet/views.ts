// The boundary between main's fleet state and the renderer: every object the fleet handlers
// send is built here, field by field, from the core's objects. Nothing is spread, so a secret
// field added to a core type later cannot ride along to the renderer by accident.
import type {
  AccessStatusView,
  AuditRecordView,
  AuditRowView,
  CredentialView,
  JobView,
  KnownHostView,
  RememberMode,
} from '../../../core/ipc/contract';
import type { AuditRecord, AuditRow } from '../../../core/audit/record';
import type { JobInfo } from '../../../core/jobs/job-manager';
import type { AccessStatus } from '../../../core/monitor/access-monitor';
import type { KnownHostEntry } from '../../../core/ssh/known-hosts';
import type { CredentialInfo } from '../../../core/vault/credential';

function kindOf(c: CredentialInfo): CredentialView['kind'] {
  if (c.kind === 'private-key') return 'key';
  if (c.kind === 'agent') return 'agent';
  const m = c.methods ?? [];
  return m.length === 1 && m[0] === 'keyboard-interactive' ? 'keyboard-interactive' : 'password';
}

export function credentialView(c: CredentialInfo, user: string): CredentialView {
  const v: CredentialView = { id: c.id, name: c.name, kind: kindOf(c), createdAt: c.createdAt, user };
  if (c.keyType !== undefined) v.keyType = c.keyType;
  if (c.fingerprint !== undefined) v.fingerprint = c.fingerprint;
  if (c.publicKey !== undefined) v.publicKey = c.publicKey;
  if (c.encryptedKey !== undefined) v.encryptedKey = c.encryptedKey;
  if (c.methods !== undefined) v.methods = [...c.methods];
  return v;
}

export function rememberView(d: RememberMode): RememberMode {
  return d.mode === 'keyring'
    ? { mode: 'keyring', backend: d.backend }
    : { mode: 'memory', reason: d.reason };
}

export function knownHostView(domain: string, e: KnownHostEntry): KnownHostView {
  return {
    domain,
    host: e.host,
    port: e.port,
    keyType: e.keyType,
    fingerprint: e.fingerprint,
    addedAt: e.addedAt,
    source: e.source,
  };
}

/** Who, where, what: the fields every audit record and row carry. */
function auditFields(r: AuditRecord | AuditRow): AuditRecordView {
  const v: AuditRecordView = {
    time: r.time,
    domain: r.domain,
    host: r.host,
    address: r.address,
    user: r.user,
    argv: [...r.argv],
    kind: r.kind,
    exitCode: r.exitCode,
    durationMs: r.durationMs,
  };
  if (r.id !== undefined) v.id = r.id;
  if (r.signal !== undefined) v.signal = r.signal;
  if (r.error) v.error = { code: r.error.code, message: r.error.message };
  return v;
}

/** One line of the log (a command's start or end, or a single record), for audit.appended. */
export function auditRecordView(r: AuditRecord): AuditRecordView {
  const v = auditFields(r);
  if (r.phase !== undefined) v.phase = r.phase;
  return v;
}

/** One command of an audit.query page. */
export function auditRowView(r: AuditRow): AuditRowView {
  return { ...auditFields(r), state: r.state };
}

export function accessStatusView(s: AccessStatus): AccessStatusView {
  return {
    domain: s.domain,
    name: s.name,
    address: s.address,
    state: s.state,
    lastCheckAt: s.lastCheckAt,
    lastSuccessAt: s.lastSuccessAt,
    lastFailure: s.lastFailure
      ? { at: s.lastFailure.at, code: s.lastFailure.code, reason: s.lastFailure.reason }
      : null,
    consecutiveFailures: s.consecutiveFailures,
  };
}

export function jobView(j: JobInfo): JobView {
  const v: JobView = {
    id: j.id,
    kind: j.kind,
    title: j.title,
    state: j.state,
    createdAt: j.createdAt,
    log: [...j.log],
  };
  if (j.fraction !== undefined) v.fraction = j.fraction;
  if (j.message !== undefined) v.message = j.message;
  if (j.startedAt !== undefined) v.startedAt = j.startedAt;
  if (j.endedAt !== undefined) v.endedAt = j.endedAt;
  if (j.error !== undefined) v.error = j.error;
  return v;
}
