import { appendFile, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../core/audit/audit-log';
import { readAudit } from '../../../core/audit/audit-reader';
import type { AuditRecord } from '../../../core/audit/record';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paddock-audit-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const rec = (i: number, over: Partial<AuditRecord> = {}): AuditRecord => ({
  time: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
  domain: i % 2 ? 'teaching' : 'mgmt',
  host: `c${i % 3}`,
  address: `10.0.0.${i % 3}:22`,
  user: 'root',
  argv: ['virsh', 'start', `vm-${i}`],
  kind: 'exec',
  exitCode: 0,
  durationMs: i,
  ...over,
});

const lines = async (f: string) => (await readFile(f, 'utf8')).split('\n').filter(Boolean);

describe('AuditLog', () => {
  it('writes one JSON line per record, in order, each readable back exactly', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = await AuditLog.open(file);
    const records = [
      rec(1),
      rec(2, { exitCode: null, signal: 'KILL', error: { code: 'command-timeout', message: 'x' } }),
    ];
    for (const r of records) await log.append(r);
    await log.close();
    expect((await lines(file)).map((l) => JSON.parse(l) as unknown)).toEqual(records);
  });

  it('keeps any argv, newlines and quotes included, on one line', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = await AuditLog.open(file);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }), async (argv) => {
        await log.append(rec(0, { argv: ['cmd', ...argv] }));
      }),
      { numRuns: 50 },
    );
    await log.close();
    const all = await lines(file);
    expect(all).toHaveLength(50);
    const page = await readAudit(file, { limit: 100 });
    expect(page.malformedLines).toBe(0);
    expect(page.records).toHaveLength(50);
  });

  it('group-commits concurrent appends and resolves each once durable', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = await AuditLog.open(file);
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(rec(i))));
    expect(await lines(file)).toHaveLength(200);
    await log.close();
  });

  it('refuses invalid records with the field named, and keeps working', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = await AuditLog.open(file);
    await expect(log.append({ ...rec(1), time: 'yesterday' })).rejects.toThrow(/Invalid audit record: time/);
    await expect(log.append({ ...rec(1), argv: [1] as unknown as string[] })).rejects.toThrow(/argv\.0/);
    await log.append(rec(2));
    await log.close();
    expect(await lines(file)).toHaveLength(1);
    await expect(log.append(rec(3))).rejects.toThrow(/closed/);
  });

  it('starts on a fresh line after a torn record left by a crash', async () => {
    const file = path.join(dir, 'audit.jsonl');
    await writeFile(file, `${JSON.stringify(rec(1))}\n{"time":"2025-01-01T00:00:0`);
    const log = await AuditLog.open(file);
    await log.append(rec(2));
    await log.close();
    const page = await readAudit(file);
    expect(page.malformedLines).toBe(1);
    expect(page.records.map((r) => r.durationMs)).toEqual([2, 1]);
  });

  it('follows an external rotation (rename + new file) without losing records', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = await AuditLog.open(file);
    await log.append(rec(1));
    await rename(file, `${file}.1`);
    await log.append(rec(2));
    await log.close();
    expect(await lines(`${file}.1`)).toHaveLength(1);
    expect(await lines(file)).toHaveLength(1);
    expect((await readAudit(file)).records.map((r) => r.durationMs)).toEqual([2, 1]);
  });

  it('rotates by size and on request, keeping N files, readable across them', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = await AuditLog.open(file, { rotateBytes: 600, keep: 3 });
    for (let i = 0; i < 20; i++) await log.append(rec(i));
    await log.rotate();
    await log.append(rec(20));
    await log.close();
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['audit.jsonl', 'audit.jsonl.1', 'audit.jsonl.2', 'audit.jsonl.3']);
    const page = await readAudit(file, { limit: 1000 });
    // The newest records survive, in order; the oldest were rotated out.
    const seen = page.records.map((r) => r.durationMs);
    expect(seen[0]).toBe(20);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });
});

describe('readAudit', () => {
  it('filters by domain, host, time range and text, newest first, up to a limit', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const log = await AuditLog.open(file);
    for (let i = 0; i < 30; i++)
      await log.append(
        rec(i, i === 7 ? { error: { code: 'auth-failed', message: 'Permission denied' } } : {}),
      );
    await log.close();
    const ids = async (q: Parameters<typeof readAudit>[1]) =>
      (await readAudit(file, q)).records.map((r) => r.durationMs);
    expect(await ids({ domain: 'teaching', limit: 3 })).toEqual([29, 27, 25]);
    expect(await ids({ host: 'c0', domain: 'mgmt' })).toEqual([24, 18, 12, 6, 0]);
    expect(await ids({ from: '2025-01-01T00:00:10Z', to: '2025-01-01T00:00:13Z' })).toEqual([12, 11, 10]);
    expect(await ids({ text: 'VM-13' })).toEqual([13]);
    expect(await ids({ text: 'permission' })).toEqual([7]);
    const page = await readAudit(file, { limit: 5 });
    expect(page.truncated).toBe(true);
    expect(page.records).toHaveLength(5);
  });

  it('rejects bad queries clearly', async () => {
    await expect(readAudit(path.join(dir, 'x'), { limit: 0 })).rejects.toThrow(/Invalid audit query: limit/);
    await expect(readAudit(path.join(dir, 'x'), { from: 'last week' })).rejects.toThrow(/from/);
    await expect(readAudit(path.join(dir, 'x'), { color: 'red' } as never)).rejects.toThrow(
      /Invalid audit query/,
    );
  });

  it('skips garbage lines and reads an absent log as empty', async () => {
    const file = path.join(dir, 'audit.jsonl');
    expect(await readAudit(file)).toEqual({ records: [], truncated: false, malformedLines: 0 });
    await appendFile(file, `not json\n{"time":1}\n${JSON.stringify(rec(3))}\n`);
    const page = await readAudit(file);
    expect(page.malformedLines).toBe(2);
    expect(page.records).toHaveLength(1);
  });
});
