// THE contract between the renderer and the main process: every request (with its payload
// schema and response type) and every event. Both transports (Electron IPC through the
// preload, and the loopback transport used by tests and `npm run serve`) carry exactly these
// messages, and main validates every request payload against the schemas below before a
// handler sees it. Nothing here may carry secret material: only names, fingerprints, key
// types and lock states.
import { z } from 'zod';
import type { Diagnostic, Site } from '../model/types';

// ---------------------------------------------------------------------------------------------
// Shared payload pieces

const filePath = z.string().min(1).max(4096);

// ---------------------------------------------------------------------------------------------
// Responses (main is trusted to produce these; they are types only)

export interface AppInfo {
  version: string;
  transport: 'electron' | 'loopback';
  platform: string;
}

/** The site currently open in main: the parsed model when it loaded, and every finding. */
export interface SiteSnapshot {
  path: string;
  fileName: string;
  loadedAt: string;
  /** null when the file could not be loaded at all (see diagnostics). */
  site: Site | null;
  diagnostics: Diagnostic[];
}

export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  recentSites: string[];
  theme: Theme;
}

// ---------------------------------------------------------------------------------------------
// Requests: name -> payload schema and response type

export const requestSchemas = {
  'app.info': z.object({}).strict(),
  'site.current': z.object({}).strict(),
  /** Show the native open dialog (Electron) and open the chosen file. */
  'site.openDialog': z.object({}).strict(),
  /** Open a site from the recent list (main refuses paths it did not offer). */
  'site.openRecent': z.object({ path: filePath }).strict(),
  'site.reload': z.object({}).strict(),
  'settings.get': z.object({}).strict(),
  'settings.setTheme': z.object({ theme: z.enum(['system', 'light', 'dark']) }).strict(),
} as const;

export interface ResponseMap {
  'app.info': AppInfo;
  'site.current': SiteSnapshot | null;
  'site.openDialog': SiteSnapshot | null;
  'site.openRecent': SiteSnapshot;
  'site.reload': SiteSnapshot;
  'settings.get': Settings;
  'settings.setTheme': Settings;
}

export type RequestName = keyof typeof requestSchemas;
export type RequestPayload<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
export type ResponseOf<K extends RequestName> = ResponseMap[K];

// ---------------------------------------------------------------------------------------------
// Events: main -> renderer

export interface EventMap {
  'site.changed': SiteSnapshot;
  /** A menu item the renderer should act on (e.g. focus search). */
  'menu.command': { command: 'focus-search' | 'toggle-theme' };
  /** An error main could not attribute to a request; shown to the user, never swallowed. */
  'app.error': { message: string; detail?: string };
}
export type EventName = keyof EventMap;
export const eventNames: readonly EventName[] = ['site.changed', 'menu.command', 'app.error'];

// ---------------------------------------------------------------------------------------------
// Envelope: errors travel as values so no transport mangles them.

export interface WireError {
  /** Stable code, e.g. "invalid-request", "not-found", "site-load", "internal". */
  code: string;
  message: string;
}
export type WireResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

export class PaddockError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'PaddockError';
    this.code = code;
  }
}

export const isRequestName = (n: unknown): n is RequestName =>
  typeof n === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, n);
export const isEventName = (n: unknown): n is EventName =>
  typeof n === 'string' && (eventNames as readonly string[]).includes(n);

/** Parse a request payload; a clear error naming the request and the field on failure. */
export function parseRequest<K extends RequestName>(
  name: K,
  payload: unknown,
): z.output<(typeof requestSchemas)[K]> {
  const r = requestSchemas[name].safeParse(payload);
  if (!r.success) {
    const first = r.error.issues[0];
    const where = first && first.path.length ? first.path.join('.') : '(payload)';
    throw new PaddockError(
      'invalid-request',
      `Invalid "${name}" request: ${where}: ${first?.message ?? 'bad payload'}`,
    );
  }
  return r.data as z.output<(typeof requestSchemas)[K]>;
}

// ---------------------------------------------------------------------------------------------
// The narrow API the renderer sees (window.paddock). Built identically by the preload and by
// the loopback bridge from two primitives, so both transports expose the same surface.

type Split<K> = K extends `${infer A}.${infer B}` ? [A, B] : never;
type Namespaces = Split<RequestName>[0];
type EventHandlerName<E> = E extends `${infer A}.${infer B}` ? `on${Capitalize<A>}${Capitalize<B>}` : never;

export type PaddockApi = {
  [NS in Namespaces]: {
    [K in RequestName as Split<K>[0] extends NS ? Split<K>[1] : never]: (
      payload?: RequestPayload<K>,
    ) => Promise<ResponseOf<K>>;
  };
} & {
  [E in EventName as EventHandlerName<E>]: (listener: (payload: EventMap[E]) => void) => () => void;
};

export type InvokeFn = (name: RequestName, payload: unknown) => Promise<WireResult<unknown>>;
export type SubscribeFn = (name: EventName, listener: (payload: unknown) => void) => () => void;

export function eventHandlerName(e: EventName): string {
  const [a = '', b = ''] = e.split('.');
  return `on${a.charAt(0).toUpperCase()}${a.slice(1)}${b.charAt(0).toUpperCase()}${b.slice(1)}`;
}

export function buildApi(invoke: InvokeFn, subscribe: SubscribeFn): PaddockApi {
  const api: Record<string, Record<string, unknown> | ((l: (p: unknown) => void) => () => void)> = {};
  for (const name of Object.keys(requestSchemas) as RequestName[]) {
    const [ns = '', method = ''] = name.split('.');
    const group = (api[ns] ??= {}) as Record<string, unknown>;
    group[method] = async (payload: unknown = {}) => {
      const r = await invoke(name, payload);
      if (!r.ok) throw new PaddockError(r.error.code, r.error.message);
      return r.value;
    };
  }
  for (const e of eventNames) {
    api[eventHandlerName(e)] = (listener: (p: unknown) => void) => subscribe(e, listener);
  }
  return Object.freeze(api) as unknown as PaddockApi;
}
