// Admin access to one container, as the access monitor keeps it (core/monitor) and the renderer
// shows it (core/ipc/contract): one definition, in pure core. Sent as is: nothing secret.

export type AccessState = 'unknown' | 'ok' | 'failing' | 'skipped';

export interface AccessStatus {
  domain: string;
  /** The container's name. */
  name: string;
  address: string;
  state: AccessState;
  lastCheckAt: string | null;
  lastSuccessAt: string | null;
  lastFailure: { at: string; code: string; reason: string } | null;
  consecutiveFailures: number;
}
