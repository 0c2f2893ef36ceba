import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl, senderRefusal } from '../../../electron/shared/app-origin';
import { eventChannel, requestChannel } from '../../../electron/shared/channels';
import { eventNames, requestSchemas } from '../../../core/ipc/contract';
import type { RequestName } from '../../../core/ipc/contract';

const ok = { frameUrl: APP_INDEX_URL, isMainFrame: true, isOurWindow: true };

describe('senderRefusal (the IPC sender check)', () => {
  it('accepts the main frame of our window on app://paddock', () => {
    expect(senderRefusal(ok)).toBeNull();
    expect(senderRefusal({ ...ok, frameUrl: 'app://paddock/index.html#x' })).toBeNull();
  });

  it('refuses other windows, sub-frames, vanished frames and other origins', () => {
    expect(senderRefusal({ ...ok, isOurWindow: false })).toMatch(/not come from a Paddock window/);
    expect(senderRefusal({ ...ok, isMainFrame: false })).toMatch(/sub-frame/);
    expect(senderRefusal({ ...ok, frameUrl: null })).toMatch(/no longer exists/);
    for (const url of [
      'file:///work/main/dist/renderer/index.html',
      'http://127.0.0.1:5173/',
      'https://paddock/index.html',
      'app://evil/index.html',
      'app://paddock.evil.com/',
      'app://paddock@evil/',
      'about:blank',
      'not a url',
    ]) {
      expect(senderRefusal({ ...ok, frameUrl: url })).toMatch(/not a Paddock page/);
    }
  });

  it('accepts a URL only if it parses to scheme app and host paddock (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (url) => {
        expect(isAppUrl(url)).toBe(false);
        const asApp = url.replace(/^https?:/, 'app:');
        expect(isAppUrl(asApp)).toBe(new URL(asApp).host === 'paddock');
      }),
    );
  });
});

describe('IPC channels', () => {
  it('give every request and event its own channel', () => {
    const names = Object.keys(requestSchemas) as RequestName[];
    const all = [...names.map(requestChannel), ...eventNames.map(eventChannel)];
    expect(new Set(all).size).toBe(all.length);
  });
});
