// Drift through the handlers: the report compares the open site with what the hosts said; a
// preview shows the diff and writes nothing; apply writes exactly the previewed text, by
// atomic rename, only while the file is still what was previewed, then reloads the site.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSite } from '../../../../core/site';
import type { InventorySetup } from './inventory-setup';
import { inventorySetup } from './inventory-setup';

let t: InventorySetup | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

/** The file's text with a unified diff applied (hunks in order; enough for these diffs). */
function patch(text: string, diff: string): string {
  const out: string[] = [];
  const lines = text.split('\n');
  let at = 0;
  const body = diff.split('\n');
  for (let i = 0; i < body.length; i++) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(body[i] ?? '');
    if (!h) continue;
    const start = Number(h[1]) - (h[2] === '0' ? 0 : 1);
    out.push(...lines.slice(at, start));
    at = start;
    for (i++; i < body.length && !(body[i] ?? '').startsWith('@@'); i++) {
      const l = body[i] ?? '';
      if (l.startsWith(' ')) {
        out.push(lines[at++] ?? '');
      } else if (l.startsWith('-')) at++;
      else if (l.startsWith('+')) out.push(l.slice(1));
    }
    i--;
  }
  out.push(...lines.slice(at));
  return out.join('\n');
}

describe('drift.get', () => {
  it('knows nothing before a refresh, and a fresh lab has no drift', async () => {
    t = await inventorySetup();
    const before = await t.ok('drift.get', {});
    expect(before).toMatchObject({ hasInventory: false, items: [], fileName: 'site.yaml', path: t.siteFile });
    expect(before.unverified).toHaveLength(6);
    await t.ok('inventory.refresh', {});
    const after = await t.ok('drift.get', {});
    expect(after).toMatchObject({ hasInventory: true, items: [], unverified: [], failedHosts: [] });
    expect(after.checkedHosts.sort()).toEqual(['lab-h1', 'lab-h2', 'lab-h3']);
  });

  it('shows a VM moved, a VM stopped and a VM unknown to the site, each with what accepting writes', async () => {
    t = await inventorySetup();
    t.fake.move('research-vm2', 'lab-h1', 'lab-h2');
    t.fake.setState('lab-h3', 'teaching-vm2', 'stopped');
    const stray = structuredClone(t.fake.host('lab-h3').vms.get('teaching-vm1'));
    if (!stray) throw new Error('no teaching-vm1');
    stray.name = 'stray1';
    stray.nics = [{ ...stray.nics[0], mac: '52:54:00:40:ee:02' } as (typeof stray.nics)[number]];
    t.fake.host('lab-h3').vms.set('stray1', stray);
    await t.ok('inventory.refresh', {});
    const r = await t.ok('drift.get', {});
    expect(r.items.map((i) => [i.id, i.severity, i.containers, i.fixes])).toEqual([
      ['unknown-vm:stray1', 'warning', ['lab-h3'], ['add VM stray1 (domain teaching, on lab-h3)']],
      ['moved:research-vm2', 'warning', ['lab-h1', 'lab-h2'], ['research-vm2: container -> lab-h2']],
      ['state:teaching-vm2', 'info', ['lab-h3'], ['teaching-vm2: state -> stopped']],
    ]);
    expect(r.items[1]?.message).toBe('research-vm2 is on lab-h2, recorded on lab-h1');
  });
});

describe('drift.preview and drift.apply', () => {
  it('previews without writing, then writes exactly the diff shown, atomically, and reloads', async () => {
    t = await inventorySetup();
    t.fake.move('research-vm2', 'lab-h1', 'lab-h2');
    t.fake.setState('lab-h3', 'teaching-vm2', 'stopped');
    await t.ok('inventory.refresh', {});
    const original = await readFile(t.siteFile, 'utf8');
    const inode = (await stat(t.siteFile)).ino;
    const p = await t.ok('drift.preview', { accept: ['moved:research-vm2'] });
    expect(p.accepted).toEqual(['moved:research-vm2']);
    expect(p.diff).toContain('-    container: lab-h1\n+    container: lab-h2');
    expect(p.diff).not.toContain('state: stopped');
    expect(await readFile(t.siteFile, 'utf8')).toBe(original);

    const changes = t.events.length;
    const applied = await t.ok('drift.apply', { previewId: p.previewId });
    const written = await readFile(t.siteFile, 'utf8');
    expect(written).toBe(patch(original, p.diff));
    expect(applied.diff).toBe(p.diff);
    // Replaced by rename (a new inode), no temporary file left behind.
    expect((await stat(t.siteFile)).ino).not.toBe(inode);
    expect((await readdir(t.dir)).sort()).toEqual(['site.yaml']);
    // The site was reloaded and announced; the accepted item is gone, the other is not.
    expect(t.events.slice(changes).some((e) => e.name === 'site.changed')).toBe(true);
    expect(applied.snapshot.site?.vms.find((v) => v.name === 'research-vm2')?.container).toBe('lab-h2');
    expect((await t.ok('drift.get', {})).items.map((i) => i.id)).toEqual(['state:teaching-vm2']);
    // A preview is used once: the file it was made from is gone.
    expect((await t.fail('drift.apply', { previewId: p.previewId })).code).toBe('not-found');
  });

  it('refuses to write when the file changed on disk after the preview, keeping that edit', async () => {
    t = await inventorySetup();
    t.fake.move('research-vm2', 'lab-h1', 'lab-h2');
    await t.ok('inventory.refresh', {});
    const p = await t.ok('drift.preview', { accept: ['moved:research-vm2'] });
    const edited = `${await readFile(t.siteFile, 'utf8')}# a person's note\n`;
    await writeFile(t.siteFile, edited);
    const e = await t.fail('drift.apply', { previewId: p.previewId });
    expect(e.code).toBe('site-changed');
    expect(e.message).toContain('changed on disk since it was loaded');
    expect(await readFile(t.siteFile, 'utf8')).toBe(edited);
  });

  it('refuses to preview against a file that is no longer the site that is open', async () => {
    t = await inventorySetup();
    t.fake.move('research-vm2', 'lab-h1', 'lab-h2');
    await t.ok('inventory.refresh', {});
    const text = await readFile(t.siteFile, 'utf8');
    await writeFile(t.siteFile, text.replace('memoryGiB: 0.09375', 'memoryGiB: 0.125'));
    expect(await t.fail('drift.preview', { accept: ['moved:research-vm2'] })).toEqual({
      code: 'site-changed',
      message: 'site.yaml changed on disk since it was opened: reload it and review the drift again',
    });
  });

  it('names items that are not in the report or cannot be accepted', async () => {
    t = await inventorySetup();
    // Defined on two hosts at once: reported, but only a person can decide which is right.
    const copy = structuredClone(t.fake.host('lab-h1').vms.get('research-vm1'));
    if (!copy) throw new Error('no research-vm1');
    copy.state = 'stopped';
    t.fake.host('lab-h2').vms.set('research-vm1', copy);
    await t.ok('inventory.refresh', {});
    const r = await t.ok('drift.get', {});
    expect(r.items.map((i) => [i.id, i.fixes])).toEqual([['duplicate:research-vm1', []]]);
    expect(await t.fail('drift.preview', { accept: ['duplicate:research-vm1'] })).toEqual({
      code: 'not-acceptable',
      message:
        'Drift item "duplicate:research-vm1" cannot be accepted into the site file as it is: research-vm1 is defined on lab-h1 (running), lab-h2 (stopped)',
    });
    expect((await t.fail('drift.preview', { accept: ['moved:research-vm9'] })).message).toBe(
      'Drift item "moved:research-vm9" is not in the current drift report (it may have been resolved): refresh the drift view',
    );
  });

  it('validates ids and preview ids before anything runs', async () => {
    t = await inventorySetup();
    for (const accept of [
      [],
      ['moved'],
      ['moved:../x'],
      ['moved:a b'],
      ['MOVED:x'],
      [`moved:${'a'.repeat(64)}`],
    ]) {
      const e = await t.fail('drift.preview', { accept });
      expect(e.code).toBe('invalid-request');
      expect(e.message).toMatch(/^Invalid "drift.preview" request: accept/);
    }
    const many = Array.from({ length: 501 }, (_, i) => `moved:vm${i}`);
    expect((await t.fail('drift.preview', { accept: many })).message).toBe(
      'Invalid "drift.preview" request: accept: at most 500 items at once: accept in parts',
    );
    expect((await t.fail('drift.apply', { previewId: 'not-a-uuid' })).message).toMatch(
      /^Invalid "drift.apply" request: previewId: /,
    );
    expect((await t.fail('drift.apply', { previewId: '00000000-0000-4000-8000-000000000000' })).code).toBe(
      'not-found',
    );
  });

  it('accepting any set of acceptable items removes exactly those items', async () => {
    const vms = [
      'research-vm1',
      'research-vm2',
      'research-vm3',
      'research-vm4',
      'teaching-vm1',
      'teaching-vm2',
    ];
    const change = fc.record({
      vm: fc.constantFrom(...vms),
      what: fc.constantFrom('move', 'stop', 'memory', 'vcpus'),
    });
    let appliedRuns = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(change, { minLength: 1, maxLength: 5 }),
        fc.infiniteStream(fc.boolean()),
        async (changes, picks) => {
          const s = await inventorySetup();
          try {
            for (const c of changes) {
              const host = [...s.fake.hosts].find(([, h]) => h.vms.has(c.vm))?.[0] ?? '';
              const d = s.fake.host(host).vms.get(c.vm);
              if (!d) continue;
              if (c.what === 'stop') s.fake.setState(host, c.vm, 'stopped');
              if (c.what === 'memory') d.maxMemoryMiB = d.memoryMiB = 128;
              if (c.what === 'vcpus') d.vcpus = d.maxVcpus = 2;
              if (c.what === 'move') {
                const peers = [...s.fake.hosts].filter(
                  ([n, h]) => n !== host && h.domain === s.fake.host(host).domain,
                );
                if (peers[0]) s.fake.move(c.vm, host, peers[0][0]);
              }
            }
            await s.ok('inventory.refresh', {});
            const items = (await s.ok('drift.get', {})).items;
            const acceptable = items.filter((i) => i.fixes.length > 0).map((i) => i.id);
            const chosen = acceptable.filter(() => picks.next().value);
            if (chosen.length === 0) return;
            const p = await s.ok('drift.preview', { accept: chosen });
            const applied = await s.ok('drift.apply', { previewId: p.previewId });
            appliedRuns++;
            const text = await readFile(s.siteFile, 'utf8');
            expect(loadSite(text, 'site.yaml').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
            expect(applied.snapshot.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
            const left = (await s.ok('drift.get', {})).items.map((i) => i.id);
            expect(left.filter((id) => chosen.includes(id))).toEqual([]);
            expect(left.sort()).toEqual(
              items
                .map((i) => i.id)
                .filter((id) => !chosen.includes(id))
                .sort(),
            );
          } finally {
            await s.dispose();
          }
        },
      ),
      { numRuns: 25 },
    );
    // The property is about writes: most runs must have written something.
    expect(appliedRuns).toBeGreaterThan(10);
  });
});
