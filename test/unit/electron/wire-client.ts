// Requests to real handlers exactly as a transport sends them (through `dispatch`, so the
// contract's validation runs), with typed answers: `call` gives the wire result, `ok` its value
// and `fail` its error, each throwing with the request's name when the answer is the other one.
import type { RequestName, RequestPayload, ResponseOf, WireResult } from '../../../core/ipc/contract';

export type Dispatch = (name: RequestName, payload: unknown) => Promise<WireResult<unknown>>;

export interface WireClient {
  call<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<WireResult<ResponseOf<K>>>;
  ok<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<ResponseOf<K>>;
  fail<K extends RequestName>(
    name: K,
    payload: RequestPayload<K>,
  ): Promise<{ code: string; message: string }>;
}

/** `seen` gets every wire result, e.g. to scan what a transport would carry. */
export function wireClient(dispatch: Dispatch, seen?: (result: WireResult<unknown>) => void): WireClient {
  const call = async <K extends RequestName>(name: K, payload: RequestPayload<K>) => {
    const r = await dispatch(name, payload);
    seen?.(r);
    // The handlers answer a request with its own response type (the contract's ResponseMap).
    return r as WireResult<ResponseOf<K>>;
  };
  return {
    call,
    async ok(name, payload) {
      const r = await call(name, payload);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    async fail(name, payload) {
      const r = await call(name, payload);
      if (r.ok) throw new Error(`${name} should have failed but answered ${JSON.stringify(r.value)}`);
      return r.error;
    },
  };
}
