// The ONLY file of main that touches ipcMain. One handler per contract request: check the
// sender (one of our windows, its main frame, our app:// origin), then let the handlers validate
// and run the request. Contract events go with webContents.send to our windows only.
import { BrowserWindow, ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { requestSchemas } from '../../core/ipc/contract';
import type { RequestName, WireResult } from '../../core/ipc/contract';
import type { AppHandlers } from '../handlers/app-handlers';
import { senderRefusal } from '../shared/app-origin';
import { eventChannel, requestChannel } from '../shared/channels';

export function registerIpc(handlers: AppHandlers, ourWindows: () => readonly BrowserWindow[]): () => void {
  const names = Object.keys(requestSchemas) as RequestName[];

  function refusal(event: IpcMainInvokeEvent): string | null {
    const win = BrowserWindow.fromWebContents(event.sender);
    const frame = event.senderFrame;
    return senderRefusal({
      isOurWindow: win !== null && ourWindows().includes(win),
      frameUrl: frame ? frame.url : null,
      isMainFrame: frame !== null && frame === event.sender.mainFrame,
    });
  }

  for (const name of names) {
    ipcMain.handle(requestChannel(name), async (event, payload: unknown): Promise<WireResult<unknown>> => {
      const why = refusal(event);
      if (why) {
        console.error(`paddock: refused "${name}": ${why}`);
        return { ok: false, error: { code: 'forbidden', message: why } };
      }
      return handlers.dispatch(name, payload);
    });
  }

  const unsubscribe = handlers.events.subscribe((e) => {
    for (const w of ourWindows()) {
      if (!w.isDestroyed()) w.webContents.send(eventChannel(e.name), e.payload);
    }
  });

  return () => {
    unsubscribe();
    for (const name of names) ipcMain.removeHandler(requestChannel(name));
  };
}
