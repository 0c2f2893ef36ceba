// The request handlers behind window.paddock, hosted identically by Electron main and by the
// loopback server. They own the app state main keeps for the renderer: the open site, the
// settings (through SettingsStore) and the paths the user has offered. No `electron` here,
// so plain Node tests drive them exactly as the renderer would.
import path from 'node:path';
import { PaddockError, requestActivity } from '../../core/ipc/contract';
import type {
  AppInfo,
  RequestName,
  RequestPayload,
  ResponseOf,
  Settings,
  SiteSnapshot,
  WireResult,
} from '../../core/ipc/contract';
import type { Diagnostic, Site } from '../../core/model/types';
import { EventBus } from './event-bus';
import type { SettingsStore } from './settings-store';
import { withRecent } from './settings-store';
import type { SiteDialog } from './site-dialog';
import { settle, validateRequest } from './wire';

/** What reading a site file yields: the model when it loaded, and every finding. */
export interface LoadedSite {
  site: Site | null;
  diagnostics: Diagnostic[];
}
/** Reads and parses a site file; throws (a PaddockError) only when the file cannot be read. */
export type SiteReader = (file: string) => Promise<LoadedSite>;

export interface AppHandlersDeps {
  info: AppInfo;
  settings: SettingsStore;
  dialog: SiteDialog;
  readSite: SiteReader;
  events?: EventBus;
  now?: () => Date;
  /** The requests served by other handler modules (fleet access, ...); absent: "unsupported". */
  services?: ServiceImpl;
  /** Stops what those modules run (connections, monitoring) when the host shuts down. */
  onClose?: () => Promise<void>;
  /** Called for every valid request the contract classifies as a user action (restarts the
   * vaults' idle clock; reads and polling do not). */
  onUserAction?: () => void;
}

/** Each request's implementation. */
export type RequestImpl = { [K in RequestName]: (payload: RequestPayload<K>) => Promise<ResponseOf<K>> };
/** The requests AppHandlers serves itself: the app, the site and the settings. */
type OwnRequest =
  | 'app.info'
  | 'site.current'
  | 'site.openDialog'
  | 'site.openRecent'
  | 'site.reload'
  | 'settings.get'
  | 'settings.setTheme';
type Impl = Pick<RequestImpl, OwnRequest>;
/** Every other request of the contract, served by modules the host plugs in (./create.ts). */
export type ServiceImpl = Omit<RequestImpl, OwnRequest>;
/** Live discovery, drift and lifecycle actions, served by ./inventory over the fleet's pool. */
export type InventoryRequest = Extract<keyof ServiceImpl, `${'inventory' | 'drift' | 'vm'}.${string}`>;
/** New versions of the site file from the planner's plans, served by ./planner. */
export type PlannerRequest = Extract<keyof ServiceImpl, `planner.${string}`>;
/** Fleet access (./fleet): the other plugged-in requests. */
export type FleetImpl = Omit<ServiceImpl, InventoryRequest | PlannerRequest>;

/** How a path reached main: only these may later be opened by path from the renderer. */
export type SiteOrigin = 'command-line' | 'dialog' | 'recent' | 'menu';

export class AppHandlers {
  readonly events: EventBus;
  private current: SiteSnapshot | null = null;
  /** Paths offered outside the recent list (command line, dialog). */
  private readonly offered = new Set<string>();
  /** Site operations run one at a time so a slow open cannot overwrite a later one. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AppHandlersDeps) {
    this.events = deps.events ?? new EventBus();
  }

  /** Validate and run one request from a transport. Never throws: errors come back as values. */
  dispatch(name: unknown, payload: unknown): Promise<WireResult<unknown>> {
    const label = typeof name === 'string' ? name.slice(0, 100) : 'request';
    return settle(label, async () => {
      const req = validateRequest(name, payload);
      if (requestActivity[req.name] === 'action') this.deps.onUserAction?.();
      const own = (this.impl as Partial<RequestImpl>)[req.name];
      const run = (own ?? this.deps.services?.[req.name as keyof ServiceImpl]) as
        ((p: unknown) => Promise<unknown>) | undefined;
      if (!run) throw new PaddockError('unsupported', `"${req.name}" is not available in this host`);
      return run(req.payload);
    });
  }

  /** Shut down the plugged-in services (the host is quitting). */
  async close(): Promise<void> {
    await this.deps.onClose?.();
  }

  get site(): SiteSnapshot | null {
    return this.current;
  }

  settings(): Settings {
    return this.deps.settings.read();
  }

  /**
   * Open a site file that main itself chose (command line, dialog, menu). Read and parse
   * failures of the file's content come back as a snapshot with diagnostics; a file that
   * cannot be read at all is an error and leaves the current site open.
   */
  openSite(file: string, origin: SiteOrigin): Promise<SiteSnapshot> {
    const abs = path.resolve(file);
    if (origin === 'command-line' || origin === 'dialog') this.offered.add(abs);
    return this.serial(async () => {
      const loaded = await this.deps.readSite(abs);
      const snapshot: SiteSnapshot = {
        path: abs,
        fileName: path.basename(abs),
        loadedAt: (this.deps.now?.() ?? new Date()).toISOString(),
        site: loaded.site,
        diagnostics: loaded.diagnostics,
      };
      this.current = snapshot;
      const s = this.deps.settings.read();
      this.deps.settings.write({ ...s, recentSites: withRecent(s.recentSites, abs) });
      this.events.emit('site.changed', snapshot);
      return snapshot;
    });
  }

  reloadSite(): Promise<SiteSnapshot> {
    const cur = this.current;
    if (!cur)
      return Promise.reject(new PaddockError('no-site', 'No site is open, so there is nothing to reload'));
    return this.openSite(cur.path, 'menu');
  }

  async openWithDialog(): Promise<SiteSnapshot | null> {
    const chosen = await this.deps.dialog.chooseSiteFile();
    return chosen === null ? null : this.openSite(chosen, 'dialog');
  }

  /** A path from the renderer: only one main offered (recent list, command line, dialog). */
  openOffered(file: string): Promise<SiteSnapshot> {
    const abs = path.resolve(file);
    const allowed = this.offered.has(abs) || this.deps.settings.read().recentSites.includes(abs);
    if (!path.isAbsolute(file) || !allowed) {
      return Promise.reject(
        new PaddockError(
          'not-offered',
          `Refusing to open "${file}": only sites from the recent list, the command line or the open dialog may be opened`,
        ),
      );
    }
    return this.openSite(abs, 'recent');
  }

  setTheme(theme: Settings['theme']): Settings {
    const next = { ...this.deps.settings.read(), theme };
    this.deps.settings.write(next);
    return this.deps.settings.read();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private readonly impl: Impl = {
    'app.info': async () => ({ ...this.deps.info }),
    'site.current': async () => this.current,
    'site.openDialog': () => this.openWithDialog(),
    'site.openRecent': (p) => this.openOffered(p.path),
    'site.reload': () => this.reloadSite(),
    'settings.get': async () => this.deps.settings.read(),
    'settings.setTheme': async (p) => this.setTheme(p.theme),
  };
}
