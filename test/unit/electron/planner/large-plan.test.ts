// A plan of well over a thousand steps (placing most VMs of a 2,500-VM site) applies from the
// app: its request is larger than the 64 KiB every other request is held to, main replays it,
// and the new version places exactly the VMs the plan placed. Past MAX_APPLIED_STEPS, or past
// the request's own size limit, a clear refusal.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_APPLIED_STEPS } from '../../../../core/ipc/contract';
import type { Site } from '../../../../core/model/types';
import { planSync } from '../../../../core/planner';
import { loadSite } from '../../../../core/site';
import { MAX_PAYLOAD_BYTES, payloadLimit } from '../../../../electron/handlers/wire';
import { generateSiteYaml } from '../../../fixtures/generate-site';
import { openExampleSite, type ExampleSiteHandlers } from '../example-site-handlers';
import { wireClient } from '../wire-client';

let source = '';
let opened: ExampleSiteHandlers;
let site: Site;

beforeAll(async () => {
  source = path.join(await mkdtemp(path.join(tmpdir(), 'paddock-large-plan-src-')), 'large.yaml');
  await writeFile(source, generateSiteYaml({ vms: 2500, containers: 250, unplaced: 0.7, seed: 11 }));
  opened = await openExampleSite('paddock-large-plan-', source);
  if (!opened.snapshot.site) throw new Error('the generated site did not load');
  site = opened.snapshot.site;
}, 120_000);

afterAll(async () => {
  await opened?.dispose();
  if (source) await rm(path.dirname(source), { recursive: true, force: true });
});

const { ok, fail } = wireClient((name, payload) => opened.handlers.dispatch(name, payload));

describe('applying a large plan', () => {
  it('writes a version placing every VM the plan placed, from a request over 64 KiB', async () => {
    const plan = planSync(site, { kind: 'place' }, { seed: 1 });
    expect(plan.steps.length).toBeGreaterThan(1000);
    const steps = plan.steps.map((s) => ({ vm: s.vm, from: s.from, to: s.to }));
    const payload = { kind: 'place' as const, steps };
    expect(JSON.stringify(payload).length).toBeGreaterThan(MAX_PAYLOAD_BYTES);

    const preview = await ok('planner.preview', payload);
    expect(preview.changes).toHaveLength(steps.length);
    const written = await ok('planner.apply', { previewId: preview.previewId });
    const next = loadSite(await readFile(written.path, 'utf8'), written.fileName).site;
    const where = new Map(next?.vms.map((v) => [v.name, v.container]));
    for (const s of steps) expect(where.get(s.vm)).toBe(s.to);
    const placedBefore = site.vms.filter((v) => v.container !== null).length;
    expect(next?.vms.filter((v) => v.container !== null)).toHaveLength(placedBefore + steps.length);
  }, 120_000);

  it('refuses more than MAX_APPLIED_STEPS steps, and a payload over its own limit, unread', async () => {
    const vm = site.vms[0]?.name ?? '';
    const to = site.containers[0]?.name ?? '';
    const many = Array.from({ length: MAX_APPLIED_STEPS + 1 }, () => ({ vm, from: null, to }));
    const e = await fail('planner.preview', { kind: 'place', steps: many });
    expect(e.code).toBe('invalid-request');
    expect(e.message).toMatch(/at most 20,000 steps can be applied at once/);

    const huge = {
      kind: 'place' as const,
      steps: [{ vm: 'x'.repeat(payloadLimit('planner.preview')), from: null, to }],
    };
    const big = await fail('planner.preview', huge);
    expect(big.code).toBe('too-large');
    // Every other request keeps the small limit.
    expect((await fail('site.openRecent', { path: `/${'p'.repeat(MAX_PAYLOAD_BYTES)}` })).code).toBe(
      'too-large',
    );
  });
});
