// The loopback transport (tests and development only; never part of the packaged app): the
// same handlers Electron main hosts, served over HTTP on 127.0.0.1 to a browser page.
//
//   POST /rpc      {name, payload} -> WireResult           (header x-paddock-token)
//   GET  /events   Server-Sent Events, one per contract event (?token=..., EventSource
//                  cannot send headers)
//   GET  /         renderer/index.html with the loopback bridge injected; other built files
//
// Every request must name this server in its Host header (a DNS-rebinding page cannot), and
// may only carry our own Origin. /rpc and /events also need the per-run token, which reaches
// the page in the URL fragment (never sent to the server, never logged by it).
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireError, WireResult } from '../../core/ipc/contract';
import { isRequestName } from '../../core/ipc/contract';
import type { AnyEvent, EventBus } from '../handlers/event-bus';
import { MAX_PAYLOAD_BYTES, PAYLOAD_LIMITS } from '../handlers/wire';
import { SECURITY_HEADERS } from '../shared/csp';
import { contentType, resolveStatic } from '../shared/static-files';
import { BRIDGE_PATH, injectBridge } from './index-page';
import { newToken, tokenMatches } from './token';

/** What the server needs from the handlers (AppHandlers satisfies it). */
export interface LoopbackHost {
  dispatch(name: unknown, payload: unknown): Promise<WireResult<unknown>>;
  readonly events: EventBus;
}

export interface LoopbackServerOptions {
  host: LoopbackHost;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The bundled renderer/bridge/loopback.ts (see ./bridge-bundle). */
  bridgeScript: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** Absent: a fresh random token. */
  token?: string;
}

export interface LoopbackServer {
  /** The page to open, with the token in the fragment. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-paddock-token';
/** A request body larger than this is refused before it is parsed: the largest payload any
 * request may carry, and room for its envelope. */
export const MAX_BODY_BYTES = Math.max(MAX_PAYLOAD_BYTES, ...Object.values(PAYLOAD_LIMITS)) + 64 * 1024;
const HEARTBEAT_MS = 15_000;

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendResult(res: http.ServerResponse, status: number, result: WireResult<unknown>): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(result));
}

const refusal = (error: WireError): WireResult<unknown> => ({ ok: false, error });

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(tooLarge(declared));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.pause();
        reject(tooLarge(size));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const tooLarge = (size: number) =>
  new HttpRefusal(
    413,
    'too-large',
    `Request body of ${size} bytes or more exceeds the limit of ${MAX_BODY_BYTES}`,
  );

export async function startLoopbackServer(opts: LoopbackServerOptions): Promise<LoopbackServer> {
  const token = opts.token ?? newToken();
  const streams = new Set<http.ServerResponse>();
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  /** Host and Origin checks shared by every route. */
  function checkCaller(req: http.IncomingMessage): void {
    const host = req.headers.host;
    if (!host || !allowedHosts().includes(host.toLowerCase())) {
      throw new HttpRefusal(421, 'wrong-host', `Refused: Host "${host ?? ''}" is not this loopback server`);
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin.toLowerCase())) {
      throw new HttpRefusal(403, 'foreign-origin', `Refused: Origin "${origin}" is not this loopback server`);
    }
  }

  async function rpc(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!tokenMatches(token, req.headers[TOKEN_HEADER] as string | undefined)) {
      throw new HttpRefusal(401, 'unauthorized', `Refused: missing or wrong ${TOKEN_HEADER} header`);
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      throw new HttpRefusal(415, 'invalid-request', 'Refused: /rpc takes application/json');
    }
    const text = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw new HttpRefusal(
        400,
        'invalid-request',
        `Request body is not valid JSON: ${(e as Error).message}`,
      );
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpRefusal(400, 'invalid-request', 'Request body must be an object {name, payload}');
    }
    const { name, payload } = body as { name?: unknown; payload?: unknown };
    if (!isRequestName(name)) {
      // Checked here too so an unknown name is an HTTP-level refusal, not a 200.
      const shown = typeof name === 'string' ? `"${name.slice(0, 100)}"` : `of type ${typeof name}`;
      throw new HttpRefusal(
        404,
        'unknown-request',
        `Unknown request ${shown}: not part of the Paddock contract`,
      );
    }
    // An absent payload means "no arguments", as in the bridge; anything present is validated as sent.
    sendResult(res, 200, await opts.host.dispatch(name, payload === undefined ? {} : payload));
  }

  function events(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (!tokenMatches(token, url.searchParams.get('token'))) {
      throw new HttpRefusal(401, 'unauthorized', 'Refused: missing or wrong token for /events');
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    const write = (e: AnyEvent) => res.write(`event: ${e.name}\ndata: ${JSON.stringify(e.payload)}\n\n`);
    const unsubscribe = opts.host.events.subscribe(write);
    const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    streams.add(res);
    const stop = () => {
      clearInterval(beat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function page(res: http.ServerResponse, urlPath: string): Promise<void> {
    if (urlPath === BRIDGE_PATH) {
      send(res, 200, 'text/javascript; charset=utf-8', opts.bridgeScript);
      return;
    }
    const file = resolveStatic(opts.rendererDir, urlPath);
    if (!file) throw new HttpRefusal(400, 'invalid-request', `Bad path "${urlPath.slice(0, 200)}"`);
    const isIndex = file === resolveStatic(opts.rendererDir, '/');
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (e) {
      if (isIndex) {
        throw new HttpRefusal(
          503,
          'not-built',
          `The renderer is not built (${file} is missing): run \`npm run build\` first`,
        );
      }
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT' || code === 'EISDIR')
        throw new HttpRefusal(404, 'not-found', `Not found: ${urlPath}`);
      throw e;
    }
    if (isIndex) send(res, 200, contentType(file), injectBridge(data.toString('utf8')));
    else send(res, 200, contentType(file), data);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    checkCaller(req);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/rpc') {
      if (req.method !== 'POST') throw new HttpRefusal(405, 'invalid-request', '/rpc takes POST');
      return rpc(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpRefusal(405, 'invalid-request', `${req.method ?? ''} is not allowed here`);
    }
    if (url.pathname === '/events') return events(req, res, url);
    return page(res, url.pathname);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const r =
        e instanceof HttpRefusal
          ? e
          : new HttpRefusal(500, 'internal', `Loopback server error: ${String(e)}`);
      if (r.status === 500) console.error('paddock loopback:', e);
      if (!res.headersSent) sendResult(res, r.status, refusal({ code: r.code, message: r.message }));
      else res.end();
      // An unread oversized body: close the connection once the refusal is out, rather than drain it.
      if (r.status === 413) {
        if (res.writableFinished) req.destroy();
        else res.once('finish', () => req.destroy());
      }
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
