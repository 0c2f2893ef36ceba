// The surgical editor behind new site versions: whatever the plan changes, the edited text
// loads as exactly the planned site, and every line the plan does not touch stays as written
// (comments included).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Site } from '../../../../core/model/types';
import { applyScenario } from '../../../../core/planner';
import { loadSite } from '../../../../core/site';
import { EXAMPLE_SITE } from '../../../../electron/shared/paths';
import { editSiteText, flowText, SiteEditError } from '../../../../electron/handlers/planner/site-text-edit';

const TEXT = readFileSync(EXAMPLE_SITE, 'utf8');
const SITE = loadSite(TEXT, 'example-site.yaml').site as Site;

/** Lines of `a` missing from `b` (as a multiset). */
function linesLost(a: string, b: string): string[] {
  const have = new Map<string, number>();
  for (const l of b.split('\n')) have.set(l, (have.get(l) ?? 0) + 1);
  const lost: string[] = [];
  for (const l of a.split('\n')) {
    const n = have.get(l) ?? 0;
    if (n > 0) have.set(l, n - 1);
    else lost.push(l);
  }
  return lost;
}

describe('editSiteText', () => {
  it('moves any set of VMs to any containers of the site: loads as asked, only their container lines change', () => {
    const containers = SITE.containers.map((c) => c.name);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: SITE.vms.length - 1 }), { maxLength: 12 }),
        fc.array(fc.nat({ max: containers.length }), { minLength: 12, maxLength: 12 }),
        (which, where) => {
          const to: Site = {
            ...SITE,
            vms: SITE.vms.map((v, i) => {
              const k = which.indexOf(i);
              if (k < 0) return v;
              const c = where[k] ?? 0;
              return { ...v, container: c === containers.length ? null : (containers[c] ?? null) };
            }),
          };
          const out = editSiteText(TEXT, 'example-site.yaml', SITE, to).text;
          expect(loadSite(out, 'x').site).toEqual(to);
          const changed = SITE.vms.filter((v, i) => v.container !== to.vms[i]?.container).length;
          const lost = linesLost(TEXT, out);
          // Each moved VM loses at most its one container line; comments on it survive.
          expect(lost.length).toBeLessThanOrEqual(changed);
          for (const l of lost) expect(l).toMatch(/^\s+container: /);
          for (const l of linesLost(out, TEXT)) expect(l).toMatch(/^\s+container: /);
        },
      ),
      // Each run parses and loads the whole example site twice: a few dozen cases suffice.
      { numRuns: 25 },
    );
  }, 30_000);

  it('keeps a comment after a value it replaces, and adds a missing key on its own line', () => {
    const to: Site = {
      ...SITE,
      vms: SITE.vms.map((v) =>
        v.name === 'portal-dev'
          ? { ...v, container: 'grid-k1' }
          : v.name === 'wiki-staging'
            ? { ...v, container: 'ext-k1' }
            : v,
      ),
    };
    const out = editSiteText(TEXT, 'example-site.yaml', SITE, to).text;
    expect(out).toContain(
      'container: grid-k1 # evacuated from grid-k3 before its maintenance, not yet placed again',
    );
    expect(out).toMatch(/project: community\n {4}container: ext-k1\n/);
  });

  it('applies what-if scenarios: new networks, containers, VMs and clusters appended, a container removed, one failed', () => {
    const r = applyScenario(SITE, [
      { kind: 'add-containers', count: 2, like: 'edu-c01' },
      { kind: 'add-clusters', count: 1, like: 'lab1' },
      { kind: 'add-vms', count: 2, like: 'ldap1' },
      { kind: 'remove-container', container: 'edu-s2' },
      { kind: 'fail-container', container: 'ext-x1' },
    ]);
    const out = editSiteText(TEXT, 'example-site.yaml', SITE, r.site).text;
    expect(loadSite(out, 'x').site).toEqual(r.site);
    // Everything lost is edu-s2's own lines (the removed container) or a VM's container line.
    const edu2 = TEXT.slice(
      TEXT.indexOf('  - name: edu-s2'),
      TEXT.indexOf('\n\n', TEXT.indexOf('  - name: edu-s2')),
    );
    for (const l of linesLost(TEXT, out)) {
      expect(edu2.includes(l) || /^\s+container: /.test(l)).toBe(true);
    }
    // New items are block-style list items, like the file's own.
    expect(out).toMatch(/\n {2}- name: lab6\n {4}domain: edu\n/);
    expect(out).toMatch(/\n {2}- name: ldap1-new1\n {4}domain: mgmt\n/);
  });

  it('refuses what it cannot do, naming the file', () => {
    const renamed: Site = { ...SITE, site: { name: 'other' } };
    expect(() => editSiteText(TEXT, 'example-site.yaml', SITE, renamed)).toThrow(SiteEditError);
    expect(() => editSiteText(TEXT, 'example-site.yaml', SITE, renamed)).toThrow(
      /example-site\.yaml: .*"site"/,
    );
    const reordered: Site = { ...SITE, vms: [...SITE.vms].reverse() };
    expect(() => editSiteText(TEXT, 'example-site.yaml', SITE, reordered)).toThrow(/order of vms/);
    expect(() => editSiteText('vms: [', 'bad.yaml', SITE, SITE)).toThrow(
      /bad\.yaml: cannot edit a file with YAML errors/,
    );
  });
});

describe('flowText', () => {
  it('writes any JSON-like value as one line of YAML that reads back as the same value', () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(
          fc.string({ minLength: 1 }).filter((k) => /^[A-Za-z][A-Za-z0-9]*$/.test(k)),
          tie('v'),
          { maxKeys: 4 },
        ),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        const text = flowText(v);
        expect(text).not.toContain('\n');
        const back = (parse(`k: ${text}`) as { k: unknown }).k;
        expect(back).toEqual(Object.is(v, -0) ? 0 : v);
      }),
      { numRuns: 300 },
    );
  });
});
