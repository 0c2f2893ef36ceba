// The planner form's parsing: what the user types becomes a planner request, or problems that
// each name their field (in the form's words) and point at it. Properties over whatever is
// typed: parsing never throws, accepts only what the planner can run, and every problem has a
// field the form shows.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../core/model/types';
import { planSync } from '../../../core/planner';
import { loadSite } from '../../../core/site';
import { EXAMPLE_SITE } from '../../../electron/shared/paths';
import {
  defaultForm,
  fieldId,
  LIMITS,
  newOp,
  OP_LABEL,
  parseDecimal,
  parseForm,
  parseWhole,
  type OpDraft,
  type OpKind,
  type PlannerForm,
} from '../../../renderer/src/views/planner/planner-form';

const SITE = loadSite(readFileSync(EXAMPLE_SITE, 'utf8'), 'example-site.yaml').site as Site;
const KINDS = Object.keys(OP_LABEL) as OpKind[];

const form = (patch: Partial<PlannerForm>): PlannerForm => ({ ...defaultForm(), ...patch });
const op = (id: number, kind: OpKind, patch: Partial<OpDraft> = {}): OpDraft => ({
  ...newOp(id, kind),
  ...patch,
});

describe('parseWhole and parseDecimal', () => {
  it('accept exactly the whole numbers in range, written plainly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 5000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 100, max: 4000 }),
        (n, min, max) => {
          const r = parseWhole(`  ${n} `, min, max);
          if (n >= min && n <= max) expect(r).toBe(n);
          else expect(typeof r).toBe('string');
        },
      ),
    );
  });

  it('refuse anything else with a sentence quoting what was typed', () => {
    fc.assert(
      fc.property(
        fc.string().filter((t) => !/^\s*\d+\s*$/.test(t)),
        (t) => {
          const r = parseWhole(t, 1, 10);
          expect(typeof r).toBe('string');
          if (t.trim() !== '') expect(r).toContain(t.trim());
        },
      ),
    );
    expect(parseWhole('1e3', 1, 5000)).toBe('"1e3" is not a whole number (from 1 to 5000)');
    expect(parseWhole('', 1, 5)).toBe('enter a whole number from 1 to 5');
  });

  it('decimals: in range, or positive when asked', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), (x) => {
        const text = String(Math.round(x * 100) / 100);
        const v = Math.round(x * 100) / 100;
        expect(parseDecimal(text, 0, 500)).toBe(v <= 500 ? v : `${text} is out of range: from 0 to 500`);
      }),
    );
    expect(parseDecimal('0', 0, 10, true)).toBe('0 is out of range: more than 0, at most 10');
    expect(parseDecimal('.5', 0, 10, true)).toBe(0.5);
    expect(parseDecimal('-1', 0, 10)).toBe('"-1" is not a number (from 0 to 10)');
  });
});

describe('parseForm', () => {
  it('evacuate: the chosen container, the time budget in ms and the seed', () => {
    expect(
      parseForm(form({ kind: 'evacuate', container: 'mgmt-x1', timeSeconds: '2.5', seed: '7' }), SITE),
    ).toEqual({
      ok: true,
      request: { kind: 'evacuate', container: 'mgmt-x1' },
      timeLimitMs: 2500,
      seed: 7,
    });
  });

  it('rebalance: the budget in GiB becomes MiB; empty means no limit', () => {
    const r = parseForm(form({ kind: 'rebalance', objective: 'consolidate', budgetGiB: '16' }), SITE);
    expect(r).toMatchObject({
      ok: true,
      request: { kind: 'rebalance', objective: 'consolidate', budgetMiB: 16384 },
    });
    const none = parseForm(form({ kind: 'rebalance', objective: 'balance', budgetGiB: ' ' }), SITE);
    expect(none).toMatchObject({ ok: true, request: { kind: 'rebalance', objective: 'balance' } });
    expect(none.ok && 'budgetMiB' in none.request).toBe(false);
  });

  it('what-if: the changes in order, sizes in MiB, the optional container type', () => {
    const r = parseForm(
      form({
        kind: 'whatif',
        containerType: 'edu-c01',
        ops: [
          op(1, 'add-clusters', { count: '5', like: 'lab1' }),
          op(2, 'add-vms', { count: '3', sizeFrom: 'size', domain: 'edu', vcpus: '2', memoryGiB: '1.5' }),
          op(3, 'add-vms', { count: '2', like: 'ldap1' }),
          op(4, 'fail-container', { container: 'grid-k2' }),
          op(5, 'add-containers', { count: '4', like: 'edu-s1' }),
        ],
      }),
      SITE,
    );
    expect(r).toEqual({
      ok: true,
      timeLimitMs: 10_000,
      seed: 1,
      request: {
        kind: 'whatif',
        objective: 'consolidate',
        containerType: 'edu-c01',
        ops: [
          { kind: 'add-clusters', count: 5, like: 'lab1' },
          { kind: 'add-vms', count: 3, domain: 'edu', vcpus: 2, memoryMiB: 1536 },
          { kind: 'add-vms', count: 2, like: 'ldap1' },
          { kind: 'fail-container', container: 'grid-k2' },
          { kind: 'add-containers', count: 4, like: 'edu-s1' },
        ],
      },
    });
    // What the form asks, the planner runs.
    if (r.ok) expect(() => planSync(SITE, r.request, { timeLimitMs: 200, seed: 1 })).not.toThrow();
  });

  it('names every problem with its field, in the order of the form', () => {
    const r = parseForm(
      form({
        kind: 'whatif',
        timeSeconds: 'soon',
        seed: '-3',
        containerType: 'nope',
        ops: [
          op(4, 'add-vms', { count: '0', sizeFrom: 'size', domain: '', vcpus: '1.5', memoryGiB: '0' }),
          op(9, 'remove-container'),
        ],
      }),
      SITE,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { field: fieldId.time, message: 'Time budget (seconds): "soon" is not a number (from 0.1 to 600)' },
      { field: fieldId.seed, message: `Seed: "-3" is not a whole number (from 0 to ${LIMITS.seed.max})` },
      {
        field: 'planner-op-4-count',
        message: 'Change 1 (Add VMs) · Count: 0 is out of range: from 1 to 100000',
      },
      { field: 'planner-op-4-domain', message: 'Change 1 (Add VMs) · Domain: choose a domain' },
      {
        field: 'planner-op-4-vcpus',
        message: 'Change 1 (Add VMs) · vCPUs: "1.5" is not a whole number (from 1 to 4096)',
      },
      {
        field: 'planner-op-4-memoryGiB',
        message: 'Change 1 (Add VMs) · Memory (GiB): 0 is out of range: more than 0, at most 65536',
      },
      {
        field: 'planner-op-9-container',
        message: 'Change 2 (Remove a container) · Container: choose a container',
      },
      {
        field: fieldId.containerType,
        message: 'How many more containers like: the site has no container named "nope"',
      },
    ]);
    const empty = parseForm(form({ kind: 'whatif' }), SITE);
    expect(empty).toEqual({
      ok: false,
      errors: [{ field: fieldId.ops, message: 'What-if changes: add at least one change' }],
    });
    expect(parseForm(form({ kind: 'evacuate', container: 'mgmt-x9' }), SITE)).toEqual({
      ok: false,
      errors: [
        {
          field: fieldId.container,
          message: 'Container to evacuate: the site has no container named "mgmt-x9"',
        },
      ],
    });
  });

  it('whatever is typed: never throws; accepted forms are runnable, refused ones point at fields the form has', () => {
    const names = [
      ...SITE.containers.map((c) => c.name),
      ...SITE.vms.map((v) => v.name),
      ...SITE.clusters.map((k) => k.name),
      'ghost',
    ];
    const junk = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer({ min: -5, max: 40 }).map(String),
      fc.constantFrom('ghost', ''),
    );
    // Mostly sensible input (so many forms are accepted and run), sometimes junk.
    const often = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: bad });
    const num = often(fc.integer({ min: 1, max: 12 }).map(String), junk);
    const text = often(fc.constantFrom(...names), junk);
    const draft = fc.record({
      kind: fc.constantFrom(...KINDS),
      count: num,
      sizeFrom: fc.constantFrom('like' as const, 'size' as const),
      like: text,
      domain: often(fc.constantFrom(...SITE.domains.map((d) => d.name)), fc.constantFrom('', 'nowhere')),
      vcpus: num,
      memoryGiB: num,
      containerType: fc.constantFrom('', ...names),
      container: often(fc.constantFrom(...SITE.containers.map((c) => c.name)), junk),
    });
    const anyForm = fc.record({
      kind: fc.constantFrom('place' as const, 'rebalance' as const, 'evacuate' as const, 'whatif' as const),
      objective: fc.constantFrom('consolidate' as const, 'balance' as const),
      budgetGiB: often(fc.constantFrom('', '8', '16.5'), junk),
      container: often(fc.constantFrom(...SITE.containers.map((c) => c.name)), junk),
      ops: fc.array(draft, { maxLength: 4 }).map((ds) => ds.map((d, i) => ({ ...d, id: i + 1 }))),
      containerType: fc.constantFrom('', ...names),
      timeSeconds: often(fc.constantFrom('0.5', '1', '10'), junk),
      seed: num,
    });
    fc.assert(
      fc.property(anyForm, (f) => {
        const r = parseForm(f, SITE);
        if (r.ok) {
          expect(r.timeLimitMs).toBeGreaterThanOrEqual(100);
          expect(r.timeLimitMs).toBeLessThanOrEqual(600_000);
          expect(r.request.kind).toBe(f.kind);
          // The planner accepts it (a bad request would throw PlanRequestError right away).
          expect(() => planSync(SITE, r.request, { timeLimitMs: 1, seed: r.seed })).not.toThrow();
          return;
        }
        const ids = new Set<string>([
          fieldId.time,
          fieldId.seed,
          fieldId.budget,
          fieldId.container,
          fieldId.containerType,
          fieldId.ops,
          ...f.ops.flatMap((o) =>
            (['count', 'like', 'domain', 'vcpus', 'memoryGiB', 'containerType', 'container'] as const).map(
              (k) => fieldId.op(o.id, k),
            ),
          ),
        ]);
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(ids.has(e.field)).toBe(true);
          expect(e.message).toMatch(/^[A-Z][^:]+: \S/);
        }
      }),
      { numRuns: 150 },
    );
  });
});
