// The planner worker's message handler: progress while it runs, a plan when done, cancel gets
// the best plan so far, bad requests come back as errors naming the problem.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../core/model/types';
import { plannerWorkerHandler, type PlannerReplyMessage } from '../../../core/planner';
import { loadSite } from '../../../core/site';
import { generateSite } from '../../fixtures/generate-site';

function example(): Site {
  const file = path.resolve(import.meta.dirname, '../../../assets/example-site.yaml');
  const { site } = loadSite(readFileSync(file, 'utf8'), 'example-site.yaml');
  if (!site) throw new Error('example site does not load');
  return site;
}

/** Records the worker's replies and waits for the final one of a request. */
class Replies {
  readonly all: PlannerReplyMessage[] = [];
  private readonly waiters: { id: number; resolve: (m: PlannerReplyMessage) => void }[] = [];

  readonly post = (m: PlannerReplyMessage): void => {
    this.all.push(m);
    if (m.type === 'progress') return;
    for (const w of this.waiters) if (w.id === m.id) w.resolve(m);
  };

  final(id: number): Promise<PlannerReplyMessage> {
    const found = this.all.find((r) => r.id === id && r.type !== 'progress');
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ id, resolve }));
  }
}

describe('plannerWorkerHandler', () => {
  it('answers a plan request with progress and the plan', async () => {
    const c = new Replies();
    const handle = plannerWorkerHandler(c.post);
    handle({
      type: 'plan',
      id: 1,
      site: example(),
      request: { kind: 'evacuate', container: 'mgmt-x1' },
      timeLimitMs: 2000,
    });
    const reply = await c.final(1);
    expect(reply.type).toBe('done');
    if (reply.type === 'done') expect(reply.plan.feasible).toBe(true);
    expect(c.all.some((r) => r.type === 'progress')).toBe(true);
  });

  it('cancel returns the best plan so far, quickly', async () => {
    const c = new Replies();
    const handle = plannerWorkerHandler(c.post);
    const site = generateSite({ vms: 3000, seed: 3 });
    for (const v of site.vms) v.container = null;
    const t0 = Date.now();
    handle({ type: 'plan', id: 7, site, request: { kind: 'place' }, timeLimitMs: 60_000 });
    setTimeout(() => handle({ type: 'cancel', id: 7 }), 300);
    const reply = await c.final(7);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(reply.type).toBe('done');
    if (reply.type === 'done') {
      expect(['cancelled', 'optimal']).toContain(reply.plan.stop);
      expect(reply.plan.check.ok).toBe(true);
    }
  }, 60_000);

  it('reports a bad request as an error naming it', async () => {
    const c = new Replies();
    const handle = plannerWorkerHandler(c.post);
    handle({ type: 'plan', id: 2, site: example(), request: { kind: 'evacuate', container: 'nope' } });
    const reply = await c.final(2);
    expect(reply).toMatchObject({ type: 'error', code: 'bad-request' });
    if (reply.type === 'error') expect(reply.message).toMatch(/no container named "nope"/);
  });
});
