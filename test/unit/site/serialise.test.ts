// serialiseSite is the inverse of loadSite: whatever valid-shaped site goes out comes back
// identical, so generated sites, lab sites and planner results can be written and re-read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../../core/site';
import { serialiseSite } from '../../../core/site/serialise';
import { generateSite } from '../../fixtures/generate-site';
import { siteArb } from '../policy/arbitrary-site';

describe('serialiseSite', { timeout: 120_000 }, () => {
  it('round-trips random small sites through the loader', () => {
    fc.assert(
      fc.property(siteArb, (site) => {
        const back = loadSite(serialiseSite(site), 'round-trip.yaml');
        expect(back.site).toEqual(site);
        expect(back.diagnostics.filter((d) => d.code.startsWith('yaml') || d.code.includes('key'))).toEqual(
          [],
        );
      }),
      { numRuns: 80 },
    );
  });

  it('round-trips generated sites, which also validate without a single finding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 3 }), (seed, clusters) => {
        const site = generateSite({ vms: 60, containers: 12, clusters, seed });
        const back = loadSite(serialiseSite(site), 'generated.yaml');
        expect(back.diagnostics).toEqual([]);
        expect(back.site).toEqual(site);
      }),
      { numRuns: 10 },
    );
  });

  it('generates the same site for the same seed and a different one for another', () => {
    const a = serialiseSite(generateSite({ vms: 200, seed: 7 }));
    expect(serialiseSite(generateSite({ vms: 200, seed: 7 }))).toBe(a);
    expect(serialiseSite(generateSite({ vms: 200, seed: 8 }))).not.toBe(a);
  });
});
