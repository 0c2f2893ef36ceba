// The reader makes one row per command out of any interleaving of start and end records, old
// single records and a torn last line; a start without an end is "running" only if this process
// still runs it, else "no outcome recorded".
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairAudit, readAudit } from '../../../core/audit/audit-reader';
import type { AuditRecord, AuditRowState } from '../../../core/audit/record';

type Shape = 'single' | 'paired' | 'unfinished' | 'end-only';

interface Command {
  n: number;
  shape: Shape;
  running: boolean;
  exitCode: number;
}

const who = (n: number): Omit<AuditRecord, 'exitCode' | 'durationMs'> => ({
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, n)).toISOString(),
  domain: n % 2 ? 'teaching' : 'mgmt',
  host: `c${n % 3}`,
  address: `10.0.0.${n % 3}:22`,
  user: 'root',
  argv: ['virsh', 'migrate', `vm-${n}`],
  kind: n % 5 === 0 ? 'interactive' : 'exec',
});

const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function linesOf(c: Command): string[] {
  const id = idOf(c.n);
  const start: AuditRecord = { ...who(c.n), id, phase: 'start', exitCode: null, durationMs: 0 };
  const end: AuditRecord = { ...who(c.n), id, phase: 'end', exitCode: c.exitCode, durationMs: c.n };
  const single: AuditRecord = { ...who(c.n), exitCode: c.exitCode, durationMs: c.n };
  const out = {
    single: [single],
    paired: [start, end],
    unfinished: [start],
    'end-only': [end],
  }[c.shape];
  return out.map((r) => JSON.stringify(r));
}

const commandArb = (n: number) =>
  fc.record({
    n: fc.constant(n),
    shape: fc.constantFrom<Shape>('single', 'paired', 'unfinished', 'end-only'),
    running: fc.boolean(),
    exitCode: fc.integer({ min: 0, max: 255 }),
  });

/** Commands, and an interleaving of their lines that keeps each start before its end. */
const logArb = fc
  .integer({ min: 0, max: 40 })
  .chain((count) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: count }, (_, i) => commandArb(i))),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2 * count, maxLength: 2 * count }),
      fc.boolean(),
    ),
  )
  .map(([commands, keys, torn]) => {
    const placed: { line: string; key: number; cmd: number }[] = [];
    commands.forEach((c, i) => {
      const ls = linesOf(c);
      const k = [keys[2 * i] ?? 0, keys[2 * i + 1] ?? 0].sort((a, b) => a - b);
      ls.forEach((line, j) => placed.push({ line, key: k[j] ?? 0, cmd: c.n }));
    });
    placed.sort((a, b) => a.key - b.key);
    const lines = placed.map((p) => p.line);
    // A crash mid-write: part of one more record, no newline.
    if (torn) lines.push(JSON.stringify({ ...who(999), exitCode: 0, durationMs: 1 }).slice(0, 37));
    // The row of a command sits where its first line is.
    const firstAt = new Map<number, number>();
    placed.forEach((p, i) => {
      if (!firstAt.has(p.cmd)) firstAt.set(p.cmd, i);
    });
    const expected = [...commands]
      .sort((a, b) => (firstAt.get(b.n) ?? 0) - (firstAt.get(a.n) ?? 0))
      .map((c) => ({
        n: c.n,
        state: (c.shape === 'unfinished' ? (c.running ? 'running' : 'no-outcome') : 'done') as AuditRowState,
        exitCode: c.shape === 'unfinished' ? null : c.exitCode,
        id: c.shape === 'single' ? undefined : idOf(c.n),
      }));
    const running = new Set(commands.filter((c) => c.running).map((c) => idOf(c.n)));
    return { lines, torn, expected, running };
  });

const n = (argv: readonly string[]) => Number((argv[2] ?? '').slice(3));

describe('pairing audit records into rows', () => {
  it('any interleaving: one row per command, in first-line order, unmatched starts flagged', async () => {
    await fc.assert(
      fc.asyncProperty(logArb, async ({ lines, torn, expected, running }) => {
        const page = await pairAudit(
          lines,
          () => true,
          10_000,
          (id) => running.has(id),
        );
        expect(page.malformedLines).toBe(torn ? 1 : 0);
        expect(page.truncated).toBe(false);
        expect(
          page.records.map((r) => ({ n: n(r.argv), state: r.state, exitCode: r.exitCode, id: r.id })),
        ).toEqual(expected);
        // Rows never say what they were made of, and keep who/where/argv.
        for (const r of page.records) {
          expect(r).not.toHaveProperty('phase');
          expect(r.host).toBe(`c${n(r.argv) % 3}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('any limit keeps the newest rows and says so; the status filter keeps exactly the unfinished', async () => {
    await fc.assert(
      fc.asyncProperty(
        logArb,
        fc.integer({ min: 1, max: 50 }),
        async ({ lines, expected, running }, limit) => {
          const page = await pairAudit(
            lines,
            () => true,
            limit,
            (id) => running.has(id),
          );
          expect(page.records.map((r) => n(r.argv))).toEqual(expected.slice(0, limit).map((e) => e.n));
          expect(page.truncated).toBe(expected.length > limit);
          const unfinished = await pairAudit(
            lines,
            (r) => r.state !== 'done',
            10_000,
            (id) => running.has(id),
          );
          expect(unfinished.records.map((r) => n(r.argv))).toEqual(
            expected.filter((e) => e.state !== 'done').map((e) => e.n),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads the same from a log file, across a rotation between start and end', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paddock-audit-pair-'));
    try {
      const file = path.join(dir, 'audit.jsonl');
      const [a, b] = [
        { n: 1, shape: 'paired', running: false, exitCode: 3 },
        { n: 2, shape: 'unfinished', running: false, exitCode: 0 },
      ].map((c) => linesOf(c as Command));
      // Rotated file holds the starts; the current one the end of #1.
      await writeFile(`${file}.1`, `${a?.[0]}\n${b?.[0]}\n`);
      await writeFile(file, `${a?.[1]}\n`);
      const page = await readAudit(file, {}, { isRunning: () => false });
      expect(page.records.map((r) => [n(r.argv), r.state, r.exitCode])).toEqual([
        [2, 'no-outcome', null],
        [1, 'done', 3],
      ]);
      expect((await readAudit(file, { status: 'unfinished' })).records.map((r) => n(r.argv))).toEqual([2]);
      expect((await readAudit(file, { status: 'done' })).records.map((r) => n(r.argv))).toEqual([1]);
      expect((await readAudit(file, { text: 'vm-2' })).records[0]?.state).toBe('no-outcome');
      await expect(readAudit(file, { status: 'lost' as never })).rejects.toThrow(/status/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
