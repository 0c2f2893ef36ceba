// Fuzzing every driver parser: random, truncated, mutated, huge and hostile outputs must give a
// result or an OutputError that names the command: never another exception, never a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../../core/drivers/errors';
import { MAX_PARSE_CHARS } from '../../../core/drivers/limits';
import { parseDomainXml } from '../../../core/drivers/libvirt/parse-dumpxml';
import { parseDomstats } from '../../../core/drivers/libvirt/parse-domstats';
import { parseDominfo, parseDomjobinfo, parseNodeinfo } from '../../../core/drivers/libvirt/parse-info';
import { parseDomstate, parseVirshList, parseVirshNames } from '../../../core/drivers/libvirt/parse-list';
import { parseXlInfo } from '../../../core/drivers/xl/parse-info';
import { parseXlList } from '../../../core/drivers/xl/parse-list';
import { parseXlListLong } from '../../../core/drivers/xl/parse-list-long';
import { virshFixture, xlFixture } from './fixtures';

interface Case {
  source: string;
  parse: (text: string) => unknown;
  samples: string[];
}

const CASES: Case[] = [
  {
    source: 'virsh list --all',
    parse: parseVirshList,
    samples: [virshFixture('list-all.txt'), virshFixture('list-all-one-off.txt')],
  },
  { source: 'virsh list --all --name', parse: parseVirshNames, samples: [virshFixture('list-all-name.txt')] },
  { source: 'virsh domstate', parse: parseDomstate, samples: [virshFixture('domstate-running.txt')] },
  {
    source: 'virsh dominfo',
    parse: parseDominfo,
    samples: [virshFixture('dominfo-running.txt'), virshFixture('dominfo-shutoff.txt')],
  },
  { source: 'virsh nodeinfo', parse: parseNodeinfo, samples: [virshFixture('nodeinfo.txt')] },
  {
    source: 'virsh domjobinfo',
    parse: parseDomjobinfo,
    samples: [virshFixture('domjobinfo-migrating.txt'), virshFixture('domjobinfo-completed.txt')],
  },
  { source: 'virsh domstats', parse: parseDomstats, samples: [virshFixture('domstats.txt')] },
  {
    source: 'virsh dumpxml',
    parse: parseDomainXml,
    samples: [virshFixture('dumpxml-running.xml'), virshFixture('dumpxml-shutoff.xml')],
  },
  {
    source: 'xl list',
    parse: parseXlList,
    samples: [xlFixture('list-uva-sne-restore.txt'), xlFixture('list-xen-man.txt')],
  },
  { source: 'xl info', parse: parseXlInfo, samples: [xlFixture('info-xen-man.txt')] },
  { source: 'xl list -l', parse: parseXlListLong, samples: [xlFixture('list-l-composite-two-guests.json')] },
];

/** The parser returned, or failed with an OutputError about its own command. */
function parsesOrRefuses(c: Case, text: string): void {
  try {
    c.parse(text);
  } catch (e) {
    if (!(e instanceof OutputError))
      throw new Error(`${c.source}: threw ${String(e)} instead of an OutputError`, { cause: e });
    expect(e.message).toContain(`\`${c.source}\``);
  }
}

const HOSTILE = [
  '\u0000',
  '\u001b[2J',
  '\r',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '&lol;',
  '"__proto__": {"polluted": 1}',
  '{"constructor": {"prototype": {}}}',
  "Domain: '",
  ' 1 x running',
  '='.repeat(300),
  '\uD800',
  '9'.repeat(400),
];

/** Mutations of a real output: truncate, splice in noise, duplicate or drop a line. */
const mutated = (samples: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(...samples),
      fc.nat(),
      fc.nat(),
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(...HOSTILE),
        fc.string({ unit: 'binary', maxLength: 20 }),
      ),
      fc.constantFrom('truncate', 'insert', 'replace', 'dup-line', 'drop-line'),
    )
    .map(([s, a, b, noise, how]) => {
      const i = a % (s.length + 1);
      const j = Math.min(s.length, i + (b % 50));
      const lines = s.split('\n');
      const k = a % Math.max(1, lines.length);
      switch (how) {
        case 'truncate':
          return s.slice(0, i);
        case 'insert':
          return s.slice(0, i) + noise + s.slice(i);
        case 'replace':
          return s.slice(0, i) + noise + s.slice(j);
        case 'dup-line':
          return [...lines.slice(0, k + 1), ...lines.slice(k)].join('\n');
        default:
          return [...lines.slice(0, k), ...lines.slice(k + 1)].join('\n');
      }
    });

describe.each(CASES)('$source parser', (c) => {
  it('accepts the recorded outputs', () => {
    for (const s of c.samples) expect(() => c.parse(s)).not.toThrow();
  });
  it('survives arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (t) => parsesOrRefuses(c, t)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (t) => parsesOrRefuses(c, t)),
      { numRuns: 200 },
    );
  });
  it('survives truncated and mutated real outputs', () => {
    fc.assert(
      fc.property(mutated(c.samples), (t) => parsesOrRefuses(c, t)),
      { numRuns: 500 },
    );
  });
  it('refuses huge outputs before parsing them', () => {
    const sample = c.samples[0] ?? '';
    const huge = sample.repeat(Math.ceil((MAX_PARSE_CHARS + 1) / Math.max(1, sample.length)));
    expect(() => c.parse(huge)).toThrow(OutputError);
    expect(() => c.parse(huge)).toThrow(/limit/);
  });
  it('refuses one absurdly long line', () => {
    parsesOrRefuses(c, `${'x'.repeat(1_000_000)}\n`);
  });
});

describe('structural attacks', () => {
  it('deeply nested XML gives an error, not a stack overflow', () => {
    const deep = `<domain>${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}</domain>`;
    expect(() => parseDomainXml(deep)).toThrow(OutputError);
  });
  it('deeply nested JSON gives an error, not a stack overflow', () => {
    expect(() => parseXlListLong('['.repeat(1_000_000))).toThrow(OutputError);
    parsesOrRefuses(CASES[CASES.length - 1] as Case, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  });
  it('an entity bomb is refused without expansion', () => {
    const bomb = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><domain><name>&lol9;</name></domain>`;
    expect(() => parseDomainXml(bomb)).toThrow(/DOCTYPE or ENTITY/);
  });
  it('many domains are bounded', () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => ` ${i + 1} vm${i} running`).join('\n');
    expect(() => parseVirshList(rows)).toThrow(/more than 20000 domains/);
  });
  it('JSON keys such as __proto__ do not pollute objects', () => {
    const out = parseXlListLong(
      '[{"domid": 1, "__proto__": {"x": 1}, "config": {"c_info": {"name": "a", "__proto__": {"y": 2}}, "b_info": {"max_memkb": 1024}}}]',
    );
    expect(out[0]?.name).toBe('a');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).y).toBeUndefined();
  });
});
