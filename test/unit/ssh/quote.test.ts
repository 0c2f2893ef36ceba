import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  MAX_COMMAND_LINE_BYTES,
  UnsafeArgumentError,
  argumentProblem,
  commandLine,
  parseQuotedLine,
} from '../../../core/ssh/quote';
import { HOSTILE_NAMES } from './hostile-corpus';

// Run a command line the way sshd does (`SHELL -c LINE`) through a local shell, with printf
// printing each argument NUL-terminated, and split the output back.
function throughShell(shell: string, args: readonly string[], cwd: string): string[] {
  const line = commandLine(['printf', '%s\\0', ...args]);
  const out = execFileSync(shell, ['-c', line], { cwd, encoding: 'utf8' });
  const parts = out.split('\0');
  parts.pop();
  return parts;
}

// Each case starts a real shell; on a loaded machine that takes a while.
vi.setConfig({ testTimeout: 60_000 });

const scratch = mkdtempSync(path.join(tmpdir(), 'paddock-quote-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('commandLine', () => {
  it('quotes every element, program included', () => {
    expect(commandLine(['virsh', 'list', '--all'])).toBe("'virsh' 'list' '--all'");
    expect(commandLine(['echo', "it's"])).toBe("'echo' 'it'\\''s'");
    expect(commandLine(['echo', ''])).toBe("'echo' ''");
  });

  it('refuses empty argv, empty program, non-strings and over-long lines', () => {
    expect(() => commandLine([])).toThrow(/argv is empty/);
    expect(() => commandLine([''])).toThrow(/argv\[0\] is empty/);
    expect(() => commandLine(['echo', 5 as unknown as string])).toThrow(/argv\[1\] is not a string/);
    expect(() => commandLine(['echo', 'x'.repeat(MAX_COMMAND_LINE_BYTES)])).toThrow(/bytes, over/);
  });

  it('names the offending element', () => {
    try {
      commandLine(['virsh', 'start', 'vm\u00001']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnsafeArgumentError);
      expect((e as UnsafeArgumentError).index).toBe(2);
      expect((e as Error).message).toMatch(/argv\[2\].*NUL/);
    }
  });

  it('round-trips any sendable argv through the reference parser, and refuses the rest', () => {
    const anyString = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom("'", '\\', ' ', '$', '`', '"', '\n', '\0', 'a', '\ud800') }),
    );
    fc.assert(
      fc.property(fc.array(anyString, { minLength: 1, maxLength: 6 }), (tail) => {
        const argv = ['prog', ...tail];
        if (tail.some((a) => argumentProblem(a) !== null)) {
          expect(() => commandLine(argv)).toThrow(UnsafeArgumentError);
        } else {
          expect(parseQuotedLine(commandLine(argv))).toEqual(argv);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['sh', 'bash'])('%s receives random arguments literally', (shell) => {
    fc.assert(
      fc.property(
        fc
          .array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 4 })
          .filter((a) => a.every((s) => argumentProblem(s) === null)),
        (args) => {
          expect(throughShell(shell, args, scratch)).toEqual(args);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the hostile corpus through real local shells', () => {
  const sendable = HOSTILE_NAMES.filter((n) => !n.refused);
  const refused = HOSTILE_NAMES.filter((n) => n.refused);

  it('has at least 30 hostile names', () => {
    expect(HOSTILE_NAMES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(['sh', 'bash'])('%s: every sendable name arrives as one literal argument', (shell) => {
    for (const n of sendable) {
      expect(throughShell(shell, [n.value], scratch), n.label).toEqual([n.value]);
    }
    expect(
      throughShell(
        shell,
        sendable.map((n) => n.value),
        scratch,
      ),
    ).toEqual(sendable.map((n) => n.value));
    expect(existsSync(path.join(scratch, 'INJECTED'))).toBe(false);
  });

  it('refuses the names that cannot arrive literally', () => {
    for (const n of refused)
      expect(() => commandLine(['echo', n.value]), n.label).toThrow(UnsafeArgumentError);
  });
});
