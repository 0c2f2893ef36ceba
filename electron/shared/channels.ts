// Electron IPC channel names for the contract: one channel per request and per event, so main
// can register exactly the contract's requests and the preload can listen to exactly its events.
import type { EventName, RequestName } from '../../core/ipc/contract';

export const requestChannel = (name: RequestName): string => `paddock:request:${name}`;
export const eventChannel = (name: EventName): string => `paddock:event:${name}`;
