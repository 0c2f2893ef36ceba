// The drift view's and live badges' actions against the REAL main handlers (createInventory
// over fake hypervisors, see test/unit/electron/inventory), joined by the real contract
// (buildApi): refreshing fills the live store, the drift report follows each refresh, a
// selection survives refreshes only while it can be accepted, previews and writes land in the
// store and on disk, and every failure becomes a visible message.
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaddockApi } from '../../../core/ipc/contract';
import { connectLive, refreshLive, runVmAction } from '../../../renderer/src/components/live/live-actions';
import { useLiveStore } from '../../../renderer/src/components/live/live-store';
import { useNoticeStore } from '../../../renderer/src/store/notice-store';
import {
  applyPreview,
  connectDrift,
  loadDrift,
  previewSelected,
} from '../../../renderer/src/views/drift/drift-actions';
import { useDriftStore } from '../../../renderer/src/views/drift/drift-store';
import type { InventorySetup } from '../electron/inventory/inventory-setup';
import { inventorySetup } from '../electron/inventory/inventory-setup';
import { handlersApi } from './handlers-api';

const initial = {
  live: useLiveStore.getState(),
  drift: useDriftStore.getState(),
  notices: useNoticeStore.getState(),
};

let t: InventorySetup;
let api: PaddockApi;
let offs: (() => void)[] = [];

beforeEach(async () => {
  useLiveStore.setState(initial.live, true);
  useDriftStore.setState(initial.drift, true);
  useNoticeStore.setState(initial.notices, true);
  t = await inventorySetup();
  api = handlersApi(t.handlers);
  offs = [connectLive(api), connectDrift(api)];
  await expect.poll(() => Object.keys(useLiveStore.getState().hosts)).toEqual(['lab-h1', 'lab-h2', 'lab-h3']);
});
afterEach(async () => {
  offs.forEach((off) => off());
  await t.dispose();
});

const driftIds = () => useDriftStore.getState().report?.items.map((i) => i.id) ?? [];

describe('live store', () => {
  it('a refresh fills every host with its VMs; the report follows on its own', async () => {
    expect(useLiveStore.getState().hosts['lab-h1']?.status).toBe('never');
    await refreshLive(api);
    const hosts = useLiveStore.getState().hosts;
    expect(Object.values(hosts).map((h) => [h.container, h.status, h.vms.length])).toEqual([
      ['lab-h1', 'ok', 2],
      ['lab-h2', 'ok', 2],
      ['lab-h3', 'ok', 2],
    ]);
    expect(useLiveStore.getState().refreshing).toBe(false);
    await expect.poll(() => useDriftStore.getState().report?.hasInventory).toBe(true);
    expect(driftIds()).toEqual([]);
  });

  it('a host error reaches the store as that host’s error', async () => {
    t.fake.host('lab-h2').behaviour = 'fail';
    await refreshLive(api);
    expect(useLiveStore.getState().hosts['lab-h2']).toMatchObject({
      status: 'error',
      error: 'lab-h2: ssh: connect to lab-h2 refused',
    });
    expect(useLiveStore.getState().requestError).toBeNull();
  });

  it('an action that cannot run is a notice naming the VM and the reason', async () => {
    t.fake.locked.add('research');
    expect(await runVmAction(api, 'research-vm1', 'forceOff')).toBeNull();
    expect(useNoticeStore.getState().notices.at(-1)).toMatchObject({
      message: 'Could not force off research-vm1',
      detail: 'The vault of security domain "research" is locked: unlock it to reach lab-h1',
    });
    t.fake.locked.clear();
    const id = await runVmAction(api, 'research-vm1', 'forceOff');
    expect((await t.finished(id ?? '')).state).toBe('succeeded');
    // The action re-read the host: the live store already shows the new state.
    await expect
      .poll(() => useLiveStore.getState().hosts['lab-h1']?.vms.find((v) => v.name === 'research-vm1')?.state)
      .toBe('stopped');
  });
});

describe('drift view actions', () => {
  it('select, preview, write: the file changes as previewed and the report follows', async () => {
    t.fake.move('research-vm2', 'lab-h1', 'lab-h2');
    t.fake.setState('lab-h3', 'teaching-vm1', 'stopped');
    await refreshLive(api);
    await expect.poll(driftIds).toEqual(['moved:research-vm2', 'state:teaching-vm1']);
    useDriftStore.getState().toggle('moved:research-vm2');
    await previewSelected(api);
    const p = useDriftStore.getState().preview;
    expect(p?.accepted).toEqual(['moved:research-vm2']);
    expect(p?.diff).toContain('+    container: lab-h2');
    await applyPreview(api);
    const s = useDriftStore.getState();
    expect(s.applied).toMatchObject({ fileName: 'site.yaml', accepted: ['moved:research-vm2'] });
    expect(s.preview).toBeNull();
    expect(s.selected).toEqual([]);
    expect(driftIds()).toEqual(['state:teaching-vm1']);
    expect(await readFile(t.siteFile, 'utf8')).toMatch(
      /- name: research-vm2\n(?: {4}.*\n)*? {4}container: lab-h2\n/,
    );
  });

  it('a selection is dropped when its item is resolved behind Paddock’s back', async () => {
    t.fake.setState('lab-h3', 'teaching-vm1', 'stopped');
    t.fake.setState('lab-h3', 'teaching-vm2', 'stopped');
    await refreshLive(api);
    await expect.poll(driftIds).toHaveLength(2);
    useDriftStore.getState().setSelected(['state:teaching-vm1', 'state:teaching-vm2']);
    t.fake.setState('lab-h3', 'teaching-vm1', 'running');
    await refreshLive(api);
    await expect.poll(driftIds).toEqual(['state:teaching-vm2']);
    expect(useDriftStore.getState().selected).toEqual(['state:teaching-vm2']);
  });

  it('a write refused because the file changed shows why, and keeps the preview closed', async () => {
    t.fake.move('research-vm2', 'lab-h1', 'lab-h2');
    await refreshLive(api);
    await expect.poll(driftIds).toEqual(['moved:research-vm2']);
    useDriftStore.getState().setSelected(['moved:research-vm2']);
    await previewSelected(api);
    await writeFile(t.siteFile, `${await readFile(t.siteFile, 'utf8')}# edited\n`);
    await applyPreview(api);
    expect(useDriftStore.getState().error).toMatch(/changed on disk since it was loaded/);
    expect(useDriftStore.getState().busy).toBeNull();
    expect(await readFile(t.siteFile, 'utf8')).toMatch(/# edited\n$/);
  });

  it('with no site loaded the report request fails visibly', async () => {
    await writeFile(t.siteFile, 'nonsense: [');
    await t.handlers.reloadSite();
    await loadDrift(api);
    expect(useDriftStore.getState().error).toBe(
      'site.yaml did not load (see its problems), so its containers are not known',
    );
  });
});
