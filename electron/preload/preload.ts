// The preload: the ONLY renderer-side file that touches ipcRenderer. It exposes
// window.paddock = buildApi(...) (the same narrow API the loopback bridge builds) and nothing
// else: only contract request channels are invoked, only contract event channels listened to,
// and every on* returns its unsubscribe. Bundled to one CJS file (electron/build.mjs) because a
// sandboxed preload cannot require local files.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { buildApi, isEventName, isRequestName } from '../../core/ipc/contract';
import type { InvokeFn, SubscribeFn, WireResult } from '../../core/ipc/contract';
import { eventChannel, requestChannel } from '../shared/channels';

const invoke: InvokeFn = async (name, payload) => {
  if (!isRequestName(name)) {
    return { ok: false, error: { code: 'unknown-request', message: `Unknown request "${String(name)}"` } };
  }
  try {
    return (await ipcRenderer.invoke(requestChannel(name), payload)) as WireResult<unknown>;
  } catch (e) {
    // Structured-clone failures (functions, DOM nodes in a payload) end up here.
    return { ok: false, error: { code: 'transport', message: e instanceof Error ? e.message : String(e) } };
  }
};

const subscribe: SubscribeFn = (name, listener) => {
  if (!isEventName(name)) throw new Error(`Unknown event "${String(name)}"`);
  const channel = eventChannel(name);
  // The renderer never sees the IPC event object (it would expose the sender).
  const onEvent = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, onEvent);
  return () => {
    ipcRenderer.removeListener(channel, onEvent);
  };
};

contextBridge.exposeInMainWorld('paddock', buildApi(invoke, subscribe));
