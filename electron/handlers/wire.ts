// The envelope every request travels in: whatever a transport hands us (unknown name, junk
// payload, a thrown error) becomes a WireResult with a clear message, never an exception
// that a transport might mangle or swallow.
import { PaddockError, isRequestName, parseRequest } from '../../core/ipc/contract';
import type { RequestName, WireError, WireResult } from '../../core/ipc/contract';

/** No contract request needs more than a file path; anything far bigger is refused unread. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** The exceptions: a plan to apply carries its steps (MAX_APPLIED_STEPS of them, named). */
export const PAYLOAD_LIMITS: Readonly<Partial<Record<RequestName, number>>> = {
  'planner.preview': 2 * 1024 * 1024,
};

export const payloadLimit = (name: RequestName): number => PAYLOAD_LIMITS[name] ?? MAX_PAYLOAD_BYTES;

export function toWireError(e: unknown, request?: string): WireError {
  if (e instanceof PaddockError) return { code: e.code, message: e.message };
  const what = request ? `"${request}" failed: ` : '';
  if (e instanceof Error) return { code: 'internal', message: `${what}${e.message}` };
  return { code: 'internal', message: `${what}${String(e)}` };
}

/** Size of a payload as JSON, or an error when it is not plain data (cycles, BigInt). */
function payloadSize(name: string, payload: unknown): number {
  try {
    return (JSON.stringify(payload) ?? '').length;
  } catch {
    throw new PaddockError(
      'invalid-request',
      `Invalid "${name}" request: the payload is not plain JSON data`,
    );
  }
}

/** Check a request's name, size and payload shape; returns the parsed payload. */
export function validateRequest(name: unknown, payload: unknown): { name: RequestName; payload: unknown } {
  if (!isRequestName(name)) {
    const shown = typeof name === 'string' ? `"${name.slice(0, 100)}"` : `of type ${typeof name}`;
    throw new PaddockError('unknown-request', `Unknown request ${shown}: not part of the Paddock contract`);
  }
  const size = payloadSize(name, payload);
  const limit = payloadLimit(name);
  if (size > limit) {
    throw new PaddockError(
      'too-large',
      `Invalid "${name}" request: the payload is ${size} bytes, more than the limit of ${limit}`,
    );
  }
  return { name, payload: parseRequest(name, payload) };
}

export async function settle<T>(request: string, work: () => Promise<T>): Promise<WireResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, error: toWireError(e, request) };
  }
}
