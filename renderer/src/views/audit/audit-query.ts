// The Audit view's filters as an audit.query request, and argv as a command line to read.
import type { RequestPayload } from '../../../../core/ipc/contract';
import type { AuditFilters } from './audit-store';

export type AuditQuery = RequestPayload<'audit.query'>;

/** A datetime-local value (local time, no zone) as an ISO instant; null when not a valid time. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

export function auditQuery(f: AuditFilters): { query: AuditQuery; problems: string[] } {
  const query: AuditQuery = { limit: f.limit };
  const problems: string[] = [];
  if (f.domain) query.domain = f.domain;
  if (f.host.trim()) query.host = f.host.trim();
  if (f.text.trim()) query.text = f.text.trim();
  if (f.status) query.status = f.status;
  for (const [key, label] of [
    ['since', 'From'],
    ['until', 'Until'],
  ] as const) {
    if (!f[key]) continue;
    const iso = localToIso(f[key]);
    if (iso) query[key] = iso;
    else problems.push(`${label}: not a valid date and time`);
  }
  if (query.since && query.until && query.since >= query.until) problems.push('From must be before Until');
  return { query, problems };
}

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** argv as a POSIX shell would need it typed: for reading, never executed. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (a !== '' && PLAIN.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
