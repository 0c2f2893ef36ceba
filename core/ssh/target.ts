// Where a command goes: a host of one security domain, reached directly or through the domain's
// jump host. The domain type parameter ties a target to the credentials it may use.
import type { CredentialHandle } from '../vault/handle';

export interface JumpHostTarget<D extends string> {
  host: string;
  port: number;
  user: string;
  credential: CredentialHandle<D>;
}

export interface SshTarget<D extends string> {
  domain: D;
  /** The container's name (audit log, prompts, errors). */
  name: string;
  host: string;
  port: number;
  user: string;
  /** The domain's bastion: connected first, the target reached through it. */
  jump?: JumpHostTarget<D>;
}

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$|^[0-9.]+$|^\[?[0-9A-Fa-f:.]+\]?$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

/** Why a target cannot be connected to (names what is wrong), or null. */
export function targetProblem(t: { host: unknown; port: unknown; user: unknown }): string | null {
  if (typeof t.host !== 'string' || !HOST.test(t.host))
    return `host ${JSON.stringify(t.host)} is not a host name or IP address`;
  if (typeof t.port !== 'number' || !Number.isInteger(t.port) || t.port < 1 || t.port > 65535) {
    return `port ${JSON.stringify(t.port)} is not a TCP port`;
  }
  if (typeof t.user !== 'string' || !USER.test(t.user))
    return `user ${JSON.stringify(t.user)} is not a valid login name`;
  return null;
}
