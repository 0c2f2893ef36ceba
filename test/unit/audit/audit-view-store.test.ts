// The Audit view's store follows the live log: the end record of a command on screen turns its
// running row into a finished one at once; anything else asks for a re-read.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditPageView, AuditRecordView, AuditRowView } from '../../../core/ipc/contract';
import { DEFAULT_AUDIT_FILTERS, useAuditStore } from '../../../renderer/src/views/audit/audit-store';
import { auditQuery } from '../../../renderer/src/views/audit/audit-query';

const who = {
  time: '2026-03-02T09:14:03.120Z',
  domain: 'mgmt',
  host: 'c1',
  address: '10.0.0.1:22',
  user: 'root',
  argv: ['virsh', 'console', 'vm1'],
  kind: 'interactive' as const,
};
const running: AuditRowView = { ...who, id: 'a', exitCode: null, durationMs: 0, state: 'running' };
const other: AuditRowView = { ...who, id: 'b', exitCode: null, durationMs: 0, state: 'no-outcome' };
const page: AuditPageView = { records: [running, other], truncated: false, malformedLines: 0 };

beforeEach(() => useAuditStore.getState().received(page));

describe('audit view store', () => {
  it('finishes a running row when its end record arrives, without a re-read', () => {
    const end: AuditRecordView = { ...who, id: 'a', phase: 'end', exitCode: 0, signal: 'HUP', durationMs: 5 };
    useAuditStore.getState().appended(end);
    const s = useAuditStore.getState();
    expect(s.newSince).toBe(0);
    expect(s.page?.records[0]).toEqual({
      ...who,
      id: 'a',
      exitCode: 0,
      signal: 'HUP',
      durationMs: 5,
      state: 'done',
    });
    expect(s.page?.records[1]).toBe(other);
  });

  it('asks for a re-read on a new start, an unknown end, or a single record', () => {
    const start: AuditRecordView = { ...who, id: 'c', phase: 'start', exitCode: null, durationMs: 0 };
    const unknownEnd: AuditRecordView = { ...start, id: 'zzz', phase: 'end', exitCode: 1 };
    const single: AuditRecordView = { ...who, exitCode: 1, durationMs: 3 };
    for (const r of [start, unknownEnd, single]) useAuditStore.getState().appended(r);
    useAuditStore.getState().appended();
    expect(useAuditStore.getState().newSince).toBe(4);
    expect(useAuditStore.getState().page).toBe(page);
  });

  it('sends the status filter with the query', () => {
    expect(auditQuery({ ...DEFAULT_AUDIT_FILTERS, status: 'unfinished' }).query).toEqual({
      limit: 1000,
      status: 'unfinished',
    });
    expect(auditQuery(DEFAULT_AUDIT_FILTERS).query).toEqual({ limit: 1000 });
  });
});
