// The audit record's format: lines written before write-ahead logging (no id, no phase) are
// still complete records, and the new start/end records are checked for consistency.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudit } from '../../../core/audit/audit-reader';
import type { AuditRecord } from '../../../core/audit/record';
import { auditLine, auditRecordSchema } from '../../../core/audit/record';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'audit-before-write-ahead.jsonl');

const base: AuditRecord = {
  time: '2026-03-02T09:14:03.120Z',
  domain: 'mgmt',
  host: 'c1',
  address: '10.0.0.1:22',
  user: 'root',
  argv: ['virsh', 'migrate', '--live', 'vm1'],
  kind: 'exec',
  exitCode: null,
  durationMs: 0,
};

describe('audit record format', () => {
  it('parses every line of the format before write-ahead logging as a complete record', async () => {
    const lines = (await readFile(FIXTURE, 'utf8')).split('\n').filter(Boolean);
    const whole = lines.slice(0, -1);
    for (const l of whole) {
      const r = auditRecordSchema.safeParse(JSON.parse(l));
      expect(r.success, l).toBe(true);
      expect(r.data?.id).toBeUndefined();
    }
    // Its last line was torn by a crash.
    expect(() => JSON.parse(lines.at(-1) ?? '')).toThrow();
  });

  it('reads that fixture as one finished row per line, newest first, the torn line counted', async () => {
    const page = await readAudit(FIXTURE, { limit: 100 }, { isRunning: () => true });
    expect(page.malformedLines).toBe(1);
    expect(page.records.map((r) => r.argv[0])).toEqual(['sleep', 'rm', 'virsh', 'true', 'virsh', 'virsh']);
    expect(page.records.every((r) => r.state === 'done')).toBe(true);
    expect(page.records[3]?.error?.code).toBe('connect-timeout');
    expect(page.records[2]?.signal).toBe('HUP');
    expect((await readAudit(FIXTURE, { status: 'unfinished' })).records).toEqual([]);
  });

  it('accepts start and end records that carry an id and say what they are', () => {
    const id = '0b7f0c56-3f0e-4a49-9a3e-0b1e6f9d3c11';
    const start = { ...base, id, phase: 'start' as const };
    const end = { ...base, id, phase: 'end' as const, exitCode: 0, durationMs: 3300 };
    expect(auditRecordSchema.parse(start)).toEqual(start);
    expect(auditRecordSchema.parse(end)).toEqual(end);
    expect(JSON.parse(auditLine(start))).toEqual(start);
  });

  it('refuses records that could be misread: phase without id, id without phase, a start with an outcome', () => {
    const bad: unknown[] = [
      { ...base, phase: 'start' },
      { ...base, id: 'x' },
      { ...base, id: 'x', phase: 'start', exitCode: 0 },
      { ...base, id: 'x', phase: 'start', error: { code: 'aborted', message: 'm' } },
      { ...base, id: 'x', phase: 'middle' },
      { ...base, id: '', phase: 'end' },
    ];
    for (const b of bad) expect(auditRecordSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
    expect(() => auditLine({ ...base, id: 'x' })).toThrow(/Invalid audit record: phase/);
  });

  it('keeps a start record with a huge argv on one bounded line, still a start', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paddock-audit-rec-'));
    try {
      const big = { ...base, id: 'big', phase: 'start' as const, argv: ['x'.repeat(400_000)] };
      const line = auditLine(big);
      expect(Buffer.byteLength(line)).toBeLessThan(300 * 1024);
      const file = path.join(dir, 'a.jsonl');
      await writeFile(file, line);
      const page = await readAudit(file, {}, { isRunning: () => false });
      expect(page.records).toHaveLength(1);
      expect(page.records[0]?.state).toBe('no-outcome');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
