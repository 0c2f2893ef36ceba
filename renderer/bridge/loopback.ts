// The loopback transport's renderer side (tests and `npm run serve` only; never in the
// packaged app): injected by electron/loopback/server.ts before the app's scripts, it defines
// window.paddock with the same buildApi as the Electron preload, over fetch (requests) and
// EventSource (events). The per-run token arrives in the URL fragment; it is kept in
// sessionStorage so a reload still works, and removed from the visible URL.
import { buildApi } from '../../core/ipc/contract';
import type { EventName, InvokeFn, SubscribeFn, WireResult } from '../../core/ipc/contract';

const TOKEN_KEY = 'paddock.loopbackToken';
const TOKEN_HEADER = 'x-paddock-token';

function takeToken(): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m?.[1]) {
    const token = decodeURIComponent(m[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(history.state, '', location.pathname + location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function isWireResult(v: unknown): v is WireResult<unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { ok?: unknown; error?: { message?: unknown } };
  return r.ok === true || (r.ok === false && typeof r.error?.message === 'string');
}

const failure = (message: string): WireResult<unknown> => ({
  ok: false,
  error: { code: 'transport', message },
});

const token = takeToken();

const invoke: InvokeFn = async (name, payload) => {
  if (!token)
    return failure('No loopback token: open the URL that `npm run serve` printed (it ends in #token=...)');
  let res: Response;
  try {
    res = await fetch('/rpc', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify({ name, payload }),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    return failure(`Cannot reach the Paddock loopback server: ${e instanceof Error ? e.message : String(e)}`);
  }
  const body: unknown = await res.json().catch(() => null);
  return isWireResult(body) ? body : failure(`The loopback server answered ${res.status} without a result`);
};

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
let source: EventSource | null = null;

function ensureSource(): EventSource | null {
  if (!source && token) source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
  return source;
}

const subscribe: SubscribeFn = (name, listener) => {
  let set = listeners.get(name);
  if (!set) {
    const created = new Set<Listener>();
    listeners.set(name, created);
    ensureSource()?.addEventListener(name, (e) => {
      let payload: unknown;
      try {
        payload = JSON.parse((e as MessageEvent<string>).data);
      } catch {
        console.error(`paddock loopback: event "${name}" carried invalid JSON`);
        return;
      }
      for (const l of [...created]) l(payload);
    });
    set = created;
  }
  set.add(listener);
  const mine = set;
  return () => {
    mine.delete(listener);
  };
};

Object.defineProperty(window, 'paddock', {
  value: buildApi(invoke, subscribe),
  writable: false,
  configurable: false,
  enumerable: true,
});
