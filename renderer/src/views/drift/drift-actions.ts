// The drift view's requests: the report (again after every refresh and site change), a preview
// of accepting the selected items, and writing it.
import type { PaddockApi } from '../../../../core/ipc/contract';
import { errorMessage } from '../../api';
import { useDriftStore } from './drift-store';

export async function loadDrift(api: PaddockApi): Promise<void> {
  const s = useDriftStore.getState();
  s.started();
  try {
    useDriftStore.getState().received(await api.drift.get({}));
  } catch (e) {
    useDriftStore.getState().failed(errorMessage(e));
  }
}

/** Keep the report current while the drift view shows: after each refresh ends, and when the
 * site changes. */
export function connectDrift(api: PaddockApi): () => void {
  const offs = [
    api.onInventoryUpdated((u) => {
      if (!u.refreshing) void loadDrift(api);
    }),
    api.onSiteChanged(() => void loadDrift(api)),
  ];
  return () => offs.forEach((off) => off());
}

export async function previewSelected(api: PaddockApi): Promise<void> {
  const s = useDriftStore.getState();
  if (s.selected.length === 0) return;
  s.setBusy('preview');
  try {
    useDriftStore.getState().previewed(await api.drift.preview({ accept: s.selected }));
  } catch (e) {
    useDriftStore.getState().failed(errorMessage(e));
  }
}

export async function applyPreview(api: PaddockApi): Promise<void> {
  const p = useDriftStore.getState().preview;
  if (!p) return;
  useDriftStore.getState().setBusy('apply');
  try {
    useDriftStore.getState().wrote(await api.drift.apply({ previewId: p.previewId }));
    await loadDrift(api);
  } catch (e) {
    useDriftStore.getState().failed(errorMessage(e));
  }
}
