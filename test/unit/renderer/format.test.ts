import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatGiB,
  formatInstant,
  formatMiB,
  formatPercent,
  plural,
} from '../../../renderer/src/view-model/format';
import { highlight, nameNeedles } from '../../../renderer/src/view-model/highlight';
import { parseQuery } from '../../../renderer/src/view-model/query';

describe('format', () => {
  it('picks the unit people read', () => {
    expect(formatMiB(512)).toBe('512 MiB');
    expect(formatMiB(4096)).toBe('4 GiB');
    expect(formatMiB(1536)).toBe('1.5 GiB');
    expect(formatMiB(3 * 1024 * 1024)).toBe('3 TiB');
    expect(formatMiB(-2048)).toBe('-2 GiB');
    expect(formatMiB(Number.NaN)).toBe('?');
    expect(formatGiB(1500)).toBe('1.5 TiB');
    expect(formatPercent(0.456)).toBe('46%');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('—');
    expect(plural(1, 'VM')).toBe('1 VM');
    expect(plural(2, 'VM')).toBe('2 VMs');
  });

  it('shows an instant as local date and time, and text that is not one as it is', () => {
    const iso = '2024-05-01T10:00:00.000Z';
    expect(formatInstant(iso)).toBe(new Date(iso).toLocaleString());
    expect(formatInstant('not a time')).toBe('not a time');
  });
});

describe('highlight', () => {
  it('marks every case-insensitive occurrence and merges overlaps', () => {
    expect(highlight('Gateway-gate', ['gate'])).toEqual([
      { text: 'Gate', mark: true },
      { text: 'way-', mark: false },
      { text: 'gate', mark: true },
    ]);
    expect(highlight('abcd', ['abc', 'bcd'])).toEqual([{ text: 'abcd', mark: true }]);
    expect(highlight('abc', [''])).toEqual([{ text: 'abc', mark: false }]);
  });

  it('takes needles only from positive name-looking terms', () => {
    expect(nameNeedles(parseQuery('gw name:web -db tag:x state:running'))).toEqual(['gw', 'web']);
  });

  it('never loses or reorders text, and marks exactly the needle occurrences', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
        (text, raw) => {
          const needles = raw.map((n) => n.toLowerCase());
          const segs = highlight(text, needles);
          expect(segs.map((s) => s.text).join('')).toBe(text);
          for (let i = 1; i < segs.length; i++) expect(segs[i]?.mark).not.toBe(segs[i - 1]?.mark);
          for (const s of segs)
            if (s.mark)
              expect(needles.some((n) => n !== '' && s.text.toLowerCase().length >= n.length)).toBe(true);
        },
      ),
    );
  });
});
