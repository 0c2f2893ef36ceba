// THE contract between the renderer and the main process: every request (with its payload
// schema and response type) and every event. Both transports (Electron IPC through the
// preload, and the loopback transport used by tests and `npm run serve`) carry exactly these
// messages, and main validates every request payload against the schemas below before a
// handler sees it. Nothing here may carry secret material: only names, fingerprints, key
// types and lock states.
import { z } from 'zod';
import type { Diagnostic, Site, VmState } from '../model/types';
import { PLAN_KINDS } from '../planner/plan';
import type { AccessStatus } from '../records/access-status';
import type { AuditRecord, AuditRow } from '../records/audit-record';
import { auditStatusFilters } from '../records/audit-record';
import type { AuthQuestion } from '../records/auth-question';
import { MAX_ANSWER_BYTES, MAX_PROMPTS } from '../records/auth-question';
import type { DriftItem, DriftKind } from '../records/drift';
import type { JobInfo } from '../records/job-info';
import type { KnownHostEntry, KnownHostsImportReport } from '../records/known-host';
import type { RememberMode } from '../records/remember-mode';

// ---------------------------------------------------------------------------------------------
// Shared payload pieces

const filePath = z.string().min(1).max(4096);
/** A VM or container name: the site's allow-list, so it can reach a remote command as one literal. */
const siteName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be a site name (letters, digits, . _ -; at most 63)');
/** A drift item's id: its kind and its VM's name. */
const driftItemId = z
  .string()
  .regex(/^[a-z-]{1,16}:[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be a drift item id (kind:vm)');

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
// Fleet access: vaults, host keys, SSH, audit log, access monitoring, jobs. Secrets travel only
// renderer -> main (passphrases, passwords, pasted keys) and are never sent back: responses and
// events carry names, fingerprints, key types, public keys and lock states. Where main's record
// is itself safe to show (core/records: audit records, jobs, known hosts, access status), the
// view is that record, defined once; where the view is narrower, it is built field by field.

/** A security domain's name, as the site model allows it (it also names the domain's files). */
const domainName = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/, 'must be a security domain name (letters, digits, . _ -)');
/** A passphrase or password typed by the user. */
const secretText = z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters');
const credentialName = z.string().min(1).max(100);
/** A credential by id or by name. */
const credentialRef = z.string().min(1).max(200);
const passwordMethod = z.enum(['password', 'keyboard-interactive']);
const isoTime = z.iso.datetime({ offset: true });

/** One credential as the renderer may see it. */
export interface CredentialView {
  id: string;
  name: string;
  kind: 'key' | 'password' | 'keyboard-interactive' | 'agent';
  createdAt: string;
  /** The login user it is used with (the domain's SSH user). */
  user: string;
  /** Keys: e.g. "ssh-ed25519". */
  keyType?: string;
  /** Keys: "SHA256:..." of the public key. */
  fingerprint?: string;
  /** Keys: the public key line for authorized_keys. */
  publicKey?: string;
  /** Keys: the stored key is itself protected by a passphrase. */
  encryptedKey?: boolean;
  /** Passwords: the SSH methods that may use it. */
  methods?: ('password' | 'keyboard-interactive')[];
}

// Where "remember on this computer" keeps a passphrase.
export type { RememberMode };

export interface VaultDomainView {
  domain: string;
  /** A vault file exists for this domain. */
  exists: boolean;
  unlocked: boolean;
  /** A passphrase is remembered (keyring or memory) for this domain. */
  remembered: boolean;
  /** Only when unlocked. */
  credentials: CredentialView[] | null;
}

export interface VaultListing {
  domains: VaultDomainView[];
  remember: RememberMode;
  /** How this host reads key files: a native dialog, a path (tests), or not at all. */
  keyFiles: 'dialog' | 'path' | 'unsupported';
}

export interface VaultImportResult {
  added: CredentialView[];
  skipped: { name: string; reason: string }[];
}

export interface HostKeyPromptView {
  promptId: string;
  kind: 'unknown' | 'changed';
  domain: string;
  /** The container's name. */
  container: string;
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** Changed: the first key known before (see `known` for all of them). */
  knownFingerprint?: string;
  known?: { keyType: string; fingerprint: string }[];
  /** When an unanswered prompt counts as "reject". */
  expiresAt: string;
}

/** A keyboard-interactive question the vault cannot answer (a one-time code): who asks, and the
 * server's text (bounded, control characters removed). The answers go back in auth.answer. */
export type AuthPromptView = AuthQuestion & {
  promptId: string;
  /** When an unanswered prompt counts as "Cancel". */
  expiresAt: string;
};

/** A trusted host key, with the domain whose store holds it. */
export interface KnownHostView extends KnownHostEntry {
  domain: string;
}

export type KnownHostsImportView = KnownHostsImportReport;

/** One audit line: a command's start or end (same `id`), or a single record. */
export type AuditRecordView = AuditRecord;
/** One command as the Audit view shows it (done, running, or no outcome recorded). */
export type AuditRowView = AuditRow;

export interface AuditPageView {
  records: AuditRowView[];
  truncated: boolean;
  malformedLines: number;
}

export type AccessStatusView = AccessStatus;

export interface MonitorView {
  running: boolean;
  intervalSeconds: number;
  hosts: AccessStatusView[];
}

export type JobView = JobInfo;

// ---------------------------------------------------------------------------------------------
// Live inventory, drift and lifecycle actions (electron/handlers/inventory). Hosts are read over
// the fleet's SSH pool with each container's own domain credentials; the views carry what the
// hypervisors report, never credentials.

export interface LiveVmView {
  name: string;
  state: VmState;
  /** The toolstack's own word ("shut off", "-b----"). */
  rawState: string;
  vcpus: number;
  memoryMiB: number;
  /** Only name and state are known (compare nothing else). */
  partial: boolean;
  nics: { mac: string | null; bridge: string | null }[];
  disks: number;
}

export interface LiveHostView {
  container: string;
  domain: string;
  /** How the last attempt ended; "never": not asked yet. */
  status: 'ok' | 'error' | 'timeout' | 'never';
  /** A refresh of this host is in flight. */
  refreshing: boolean;
  /** Why the last attempt failed (host, command, reason). The data below is then older. */
  error: string | null;
  /** When the data below was read. */
  refreshedAt: string | null;
  attemptedAt: string | null;
  durationMs: number;
  capacity: { cpus: number; memoryMiB: number } | null;
  vms: LiveVmView[];
}

export interface InventoryView {
  hosts: LiveHostView[];
  refreshing: boolean;
  /** When the last refresh (of any host) finished. */
  lastRefreshAt: string | null;
}

/** inventory.updated: the hosts that changed (all of them when `replace`). */
export interface InventoryUpdate extends InventoryView {
  /** The list replaces what the renderer holds (another site was opened). */
  replace: boolean;
}

export type DriftKindView = DriftKind;

/** A drift item without the raw recorded and live values, its fixes as sentences. */
export type DriftItemView = Pick<DriftItem, 'id' | 'kind' | 'vm' | 'severity' | 'containers' | 'message'> & {
  /** What accepting it changes in the site file, one line per change; empty: fix by hand. */
  fixes: string[];
};

export interface DriftReportView {
  /** The site file the drift is about. */
  path: string;
  fileName: string;
  items: DriftItemView[];
  /** Recorded VMs whose hosts could not be read: neither confirmed nor missing. */
  unverified: string[];
  checkedHosts: string[];
  failedHosts: string[];
  /** No host has been read yet: nothing is known. */
  hasInventory: boolean;
  computedAt: string;
}

export interface DriftPreviewView {
  /** Pass to drift.apply: it writes exactly the text this diff shows. */
  previewId: string;
  fileName: string;
  diff: string;
  accepted: string[];
  expiresAt: string;
}

export interface DriftApplyView {
  path: string;
  fileName: string;
  diff: string;
  accepted: string[];
  /** The site as reloaded after the write. */
  snapshot: SiteSnapshot;
}

export type VmAction = 'start' | 'shutdown' | 'reboot' | 'forceOff';

// ---------------------------------------------------------------------------------------------
// Planner (electron/handlers/planner). Plans are computed in the renderer (a Web Worker running
// core/planner); main only turns one into a NEW version of the open site file, beside it, after
// replaying the steps through the placement policy itself (the renderer is not trusted).

const count = (max: number) => z.number().int().min(1).max(max);
/** A what-if change, as core/planner's ScenarioOp (test/unit/electron/planner checks they match). */
export const scenarioOpSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('add-vms'),
      count: count(100_000),
      like: siteName.optional(),
      domain: domainName.optional(),
      vcpus: z.number().int().min(1).max(4096).optional(),
      memoryMiB: z
        .number()
        .positive()
        .max(1024 * 1024 * 1024)
        .optional(),
      namePrefix: siteName.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('add-clusters'),
      count: count(1000),
      like: siteName,
      containerType: siteName.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('add-containers'),
      count: count(100_000),
      like: siteName,
      namePrefix: siteName.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('remove-container'), container: siteName }).strict(),
  z.object({ kind: z.literal('fail-container'), container: siteName }).strict(),
]);
/** One step of a plan (its memory is taken from the site, not from the renderer). */
/** Most steps one planner.preview takes: placing a whole 20,000-VM what-if, say. */
export const MAX_APPLIED_STEPS = 20_000;

const planStepRef = z
  .object({ vm: siteName, from: siteName.nullable(), to: siteName, temporary: z.boolean().optional() })
  .strict();

/** A new version of the site file, prepared but not written yet. */
export interface PlanVersionPreview {
  /** Pass to planner.apply: it writes exactly the text this diff shows. */
  previewId: string;
  /** The open site file the version is made from. */
  baseFileName: string;
  /** The new file's name (beside the open one; nothing is overwritten). */
  fileName: string;
  diff: string;
  /** VMs whose container changes, and what the scenario adds or removes (one line each). */
  changes: string[];
  expiresAt: string;
}

export interface PlanVersionWritten {
  path: string;
  fileName: string;
  diff: string;
  /** Warnings of the new file as it loads (it has no errors, or it would not be written). */
  warnings: string[];
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

  'vault.list': z.object({}).strict(),
  'vault.create': z.object({ domain: domainName, passphrase: secretText }).strict(),
  /** Without a passphrase: use the one remembered on this computer. */
  'vault.unlock': z
    .object({ domain: domainName, passphrase: secretText.optional(), remember: z.boolean().optional() })
    .strict(),
  'vault.lock': z.object({ domain: domainName }).strict(),
  'vault.lockAll': z.object({}).strict(),
  'vault.changePassphrase': z.object({ domain: domainName, current: secretText, next: secretText }).strict(),
  /** Electron: main shows the open dialog and reads the file; `path` only where the host allows it (tests). */
  'vault.addKeyFromFile': z
    .object({
      domain: domainName,
      name: credentialName,
      passphrase: secretText.optional(),
      path: filePath.optional(),
    })
    .strict(),
  'vault.addKeyPaste': z
    .object({
      domain: domainName,
      name: credentialName,
      pem: z
        .string()
        .min(1)
        .max(32 * 1024),
      passphrase: secretText.optional(),
    })
    .strict(),
  /** A new ed25519 key made in main; the answer shows its public key. */
  'vault.generateKey': z.object({ domain: domainName, name: credentialName }).strict(),
  'vault.addPassword': z
    .object({
      domain: domainName,
      name: credentialName,
      password: secretText,
      methods: z.array(passwordMethod).min(1).max(2).optional(),
    })
    .strict(),
  /** The user's ssh-agent (SSH_AUTH_SOCK of main when connecting). */
  'vault.addAgent': z.object({ domain: domainName, name: credentialName }).strict(),
  'vault.remove': z.object({ domain: domainName, credential: credentialRef }).strict(),
  /** Sealed under a separate export passphrase; Electron asks where with a save dialog. */
  'vault.export': z
    .object({ domain: domainName, passphrase: secretText, path: filePath.optional() })
    .strict(),
  'vault.import': z
    .object({ domain: domainName, passphrase: secretText, path: filePath.optional() })
    .strict(),
  /** Remember (needs the passphrase, checked against the vault) or forget. */
  'vault.remember': z
    .object({ domain: domainName, remember: z.boolean(), passphrase: secretText.optional() })
    .strict(),

  'hostkey.answer': z
    .object({ promptId: z.string().min(1).max(100), decision: z.enum(['trust', 'reject']) })
    .strict(),
  /** Prompts still waiting for an answer (e.g. after a reload of the page). */
  'hostkey.pending': z.object({}).strict(),
  /** Answers to a login question (null: Cancel); one per prompt, each at most 1 KiB. */
  'auth.answer': z
    .object({
      promptId: z.string().min(1).max(100),
      // Bytes (UTF-8) are checked again against the open prompt, with its count of prompts.
      answers: z.array(z.string().max(MAX_ANSWER_BYTES, 'must be at most 1 KiB')).max(MAX_PROMPTS).nullable(),
    })
    .strict(),
  /** Login questions still waiting for an answer (e.g. after a reload of the page). */
  'auth.pending': z.object({}).strict(),
  'knownHosts.list': z.object({ domain: domainName.optional() }).strict(),
  'knownHosts.remove': z
    .object({
      domain: domainName,
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65535),
      keyType: z.string().min(1).max(64).optional(),
    })
    .strict(),
  /** From the user's ~/.ssh/known_hosts (or the given text), for the domain's containers. */
  'knownHosts.importOpenSsh': z
    .object({
      domain: domainName,
      text: z
        .string()
        .max(48 * 1024)
        .optional(),
    })
    .strict(),

  /** Log in to a container with its domain's credentials; runs as a job. */
  'ssh.testConnection': z
    .object({ container: z.string().min(1).max(200), credential: credentialRef.optional() })
    .strict(),

  'audit.query': z
    .object({
      domain: domainName.optional(),
      host: z.string().max(500).optional(),
      text: z.string().max(500).optional(),
      since: isoTime.optional(),
      until: isoTime.optional(),
      /** "unfinished": commands running now or whose outcome was never recorded. */
      status: z.enum(auditStatusFilters).optional(),
      limit: z.number().int().min(1).max(10_000).optional(),
    })
    .strict(),

  'monitor.status': z.object({}).strict(),
  'monitor.start': z.object({}).strict(),
  'monitor.stop': z.object({}).strict(),
  'monitor.interval': z.object({ seconds: z.number().int().min(10).max(86_400) }).strict(),
  'monitor.checkNow': z.object({}).strict(),

  'jobs.list': z.object({}).strict(),
  'jobs.cancel': z.object({ id: z.string().min(1).max(100) }).strict(),

  /** Read the containers (default: all of the site) concurrently; answers when all have. */
  // Lists stay well inside the transport's 64 KiB payload limit; larger ones are refused by name.
  'inventory.refresh': z
    .object({
      containers: z.array(siteName).min(1).max(500, 'at most 500 at once (omit it to read all)').optional(),
    })
    .strict(),
  'inventory.status': z.object({}).strict(),
  'drift.get': z.object({}).strict(),
  /** The diff accepting these drift items would make to the site file (nothing is written). */
  'drift.preview': z
    .object({ accept: z.array(driftItemId).min(1).max(500, 'at most 500 items at once: accept in parts') })
    .strict(),
  /** Write a previewed change (atomically, only if the file is still what was previewed). */
  'drift.apply': z.object({ previewId: z.uuid() }).strict(),
  /** A lifecycle action on a VM, as a job; the VM's container comes from live truth or the site. */
  'vm.action': z
    .object({ vm: siteName, action: z.enum(['start', 'shutdown', 'reboot', 'forceOff']) })
    .strict(),

  /**
   * Prepare a new version of the open site file with a plan applied: the what-if changes
   * (`scenario`, with `extraContainers` like a type first when the plan needed them), then the
   * steps, replayed in order through the policy by main. Nothing is written.
   */
  'planner.preview': z
    .object({
      kind: z.enum(PLAN_KINDS),
      scenario: z.array(scenarioOpSchema).max(50, 'at most 50 what-if changes').optional(),
      extraContainers: z
        .object({ type: siteName, count: count(100_000) })
        .strict()
        .optional(),
      steps: z
        .array(planStepRef)
        .max(
          MAX_APPLIED_STEPS,
          `at most ${MAX_APPLIED_STEPS.toLocaleString('en')} steps can be applied at once`,
        ),
    })
    .strict(),
  /** Write a prepared version (atomically, as a new file; only if the open file is unchanged). */
  'planner.apply': z.object({ previewId: z.uuid() }).strict(),
  /** Open a version this session wrote (planner.apply's path). */
  'planner.openVersion': z.object({ path: filePath }).strict(),
} as const;

export interface ResponseMap {
  'app.info': AppInfo;
  'site.current': SiteSnapshot | null;
  'site.openDialog': SiteSnapshot | null;
  'site.openRecent': SiteSnapshot;
  'site.reload': SiteSnapshot;
  'settings.get': Settings;
  'settings.setTheme': Settings;
  'vault.list': VaultListing;
  'vault.create': VaultDomainView;
  'vault.unlock': VaultDomainView;
  'vault.lock': VaultDomainView;
  'vault.lockAll': VaultListing;
  'vault.changePassphrase': VaultDomainView;
  /** null: the user cancelled the dialog. */
  'vault.addKeyFromFile': CredentialView | null;
  'vault.addKeyPaste': CredentialView;
  'vault.generateKey': CredentialView;
  'vault.addPassword': CredentialView;
  'vault.addAgent': CredentialView;
  'vault.remove': VaultDomainView;
  /** The file written, or null when the user cancelled. */
  'vault.export': { file: string } | null;
  'vault.import': VaultImportResult | null;
  'vault.remember': { domain: string; remembered: boolean; remember: RememberMode };
  'hostkey.answer': { promptId: string; decision: 'trust' | 'reject' };
  'hostkey.pending': HostKeyPromptView[];
  'auth.answer': { promptId: string; answered: boolean };
  'auth.pending': AuthPromptView[];
  'knownHosts.list': KnownHostView[];
  'knownHosts.remove': { removed: number };
  'knownHosts.importOpenSsh': KnownHostsImportView;
  'ssh.testConnection': { jobId: string };
  'audit.query': AuditPageView;
  'monitor.status': MonitorView;
  'monitor.start': MonitorView;
  'monitor.stop': MonitorView;
  'monitor.interval': MonitorView;
  'monitor.checkNow': MonitorView;
  'jobs.list': JobView[];
  'jobs.cancel': { cancelled: boolean };
  'inventory.refresh': InventoryView;
  'inventory.status': InventoryView;
  'drift.get': DriftReportView;
  'drift.preview': DriftPreviewView;
  'drift.apply': DriftApplyView;
  'vm.action': { jobId: string; container: string };
  'planner.preview': PlanVersionPreview;
  'planner.apply': PlanVersionWritten;
  'planner.openVersion': SiteSnapshot;
}

export type RequestName = keyof typeof requestSchemas;

/**
 * Whether a request is something the user did ('action') or a read the UI also issues on its
 * own, at start-up, on events or on a timer ('read'). Only actions restart the vaults' idle
 * clock, so a polling UI or background monitoring never keeps secrets unlocked. Every request
 * must be classified here (the Record type makes a new request a compile error until it is).
 */
export const requestActivity: Record<RequestName, 'action' | 'read'> = {
  'app.info': 'read',
  'site.current': 'read',
  'site.openDialog': 'action',
  'site.openRecent': 'action',
  'site.reload': 'action',
  'settings.get': 'read',
  'settings.setTheme': 'action',
  'vault.list': 'read',
  'vault.create': 'action',
  'vault.unlock': 'action',
  'vault.lock': 'action',
  'vault.lockAll': 'action',
  'vault.changePassphrase': 'action',
  'vault.addKeyFromFile': 'action',
  'vault.addKeyPaste': 'action',
  'vault.generateKey': 'action',
  'vault.addPassword': 'action',
  'vault.addAgent': 'action',
  'vault.remove': 'action',
  'vault.export': 'action',
  'vault.import': 'action',
  'vault.remember': 'action',
  'hostkey.answer': 'action',
  'hostkey.pending': 'read',
  'auth.answer': 'action',
  'auth.pending': 'read',
  'knownHosts.list': 'read',
  'knownHosts.remove': 'action',
  'knownHosts.importOpenSsh': 'action',
  'ssh.testConnection': 'action',
  'audit.query': 'read',
  'monitor.status': 'read',
  'monitor.start': 'action',
  'monitor.stop': 'action',
  'monitor.interval': 'action',
  'monitor.checkNow': 'action',
  'jobs.list': 'read',
  'jobs.cancel': 'action',
  'inventory.refresh': 'action',
  'inventory.status': 'read',
  'drift.get': 'read',
  'drift.preview': 'action',
  'drift.apply': 'action',
  'vm.action': 'action',
  'planner.preview': 'action',
  'planner.apply': 'action',
  'planner.openVersion': 'action',
};
export type RequestPayload<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
export type ResponseOf<K extends RequestName> = ResponseMap[K];

// ---------------------------------------------------------------------------------------------
// Events: main -> renderer

/** The end of a question main asked (host key or login): how it ended. */
export interface PromptClosed {
  promptId: string;
  reason: 'answered' | 'timeout' | 'cancelled';
}

export interface EventMap {
  'site.changed': SiteSnapshot;
  /** A menu item the renderer should act on (e.g. focus search). */
  'menu.command': { command: 'focus-search' | 'toggle-theme' };
  /** An error main could not attribute to a request; shown to the user, never swallowed. */
  'app.error': { message: string; detail?: string };
  /** A vault was unlocked, locked (by the user, lock-all or idle time) or its credentials changed. */
  'vault.changed': { domain: string; unlocked: boolean; reason?: 'user' | 'idle' | 'all' };
  /** Main asks the user about a host key (unknown: trust or not; changed: hard stop). */
  'hostkey.prompt': HostKeyPromptView;
  /** A prompt is over (answered, timed out, or its connection attempt was abandoned). */
  'hostkey.closed': PromptClosed;
  /** Main asks the user what a host's login asks (e.g. a one-time code); nothing secret in it. */
  'auth.prompt': AuthPromptView;
  /** A login question is over (answered, timed out, or its connection attempt was abandoned). */
  'auth.closed': PromptClosed;
  /** A command's start or end record (or a single record) was written to the audit log. */
  'audit.appended': AuditRecordView;
  'monitor.changed': AccessStatusView;
  'job.updated': JobView;
  /** Live inventory: hosts refreshed, started refreshing, or dropped with the site. */
  'inventory.updated': InventoryUpdate;
}
export type EventName = keyof EventMap;
export const eventNames: readonly EventName[] = [
  'site.changed',
  'menu.command',
  'app.error',
  'vault.changed',
  'hostkey.prompt',
  'hostkey.closed',
  'auth.prompt',
  'auth.closed',
  'audit.appended',
  'monitor.changed',
  'job.updated',
  'inventory.updated',
];

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
