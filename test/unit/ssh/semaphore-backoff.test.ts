import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from '../../../core/ssh/backoff';
import { Semaphore } from '../../../core/ssh/semaphore';

describe('Semaphore', () => {
  it('never lets more holders in than its capacity, and serves everyone', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 }),
        async (cap, waits) => {
          const s = new Semaphore(cap);
          let active = 0;
          let peak = 0;
          let done = 0;
          await Promise.all(
            waits.map(async (ms) => {
              const release = await s.acquire();
              peak = Math.max(peak, ++active);
              await new Promise((r) => setTimeout(r, ms));
              active--;
              done++;
              release();
              release(); // idempotent
            }),
          );
          expect(peak).toBeLessThanOrEqual(cap);
          expect(done).toBe(waits.length);
          expect(s.inUse).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('removes an aborted waiter and honours a lowered capacity', async () => {
    const s = new Semaphore(2);
    const r1 = await s.acquire();
    const r2 = await s.acquire();
    const ac = new AbortController();
    const aborted = s.acquire(ac.signal);
    const third = s.acquire();
    ac.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    expect(s.waiting).toBe(1);
    s.setCapacity(1);
    r1();
    expect(s.inUse).toBe(1); // still over the new capacity of 1: the waiter keeps waiting
    r2();
    await third;
    expect(s.inUse).toBe(1);
    expect(() => new Semaphore(0)).toThrow(/positive integer/);
  });

  it('fails every waiter when its connection goes away', async () => {
    const s = new Semaphore(1);
    await s.acquire();
    const w = s.acquire();
    s.rejectAll(new Error('gone'));
    await expect(w).rejects.toThrow('gone');
  });
});

describe('backoff', () => {
  it('grows exponentially to its cap, with delays between half and all of the ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const c = backoffCeiling(n);
          expect(c).toBeLessThanOrEqual(30_000);
          expect(backoffCeiling(n + 1)).toBeGreaterThanOrEqual(c);
          const d = backoffDelay(n, undefined, () => r);
          expect(d).toBeGreaterThanOrEqual(Math.floor(c / 2));
          expect(d).toBeLessThanOrEqual(c);
        },
      ),
    );
    expect([1, 2, 3, 4].map((n) => backoffCeiling(n))).toEqual([250, 500, 1000, 2000]);
    expect(backoffCeiling(0)).toBe(0);
  });
});
