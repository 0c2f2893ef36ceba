// The loopback server over real HTTP on 127.0.0.1, driven with Node's fetch and raw http
// requests (for headers fetch will not let us forge, such as Host).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/shared/csp';
import { BRIDGE_PATH } from '../../../electron/loopback/index-page';
import { MAX_BODY_BYTES, TOKEN_HEADER, startLoopbackServer } from '../../../electron/loopback/server';
import type { LoopbackServer } from '../../../electron/loopback/server';
import { SITE_A, setup } from './helpers';

const BRIDGE = 'window.__bridge = 1;';
let dir: string;
let server: LoopbackServer;
let ctx: ReturnType<typeof setup>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'paddock-loopback-'));
  await writeFile(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><title>t</title><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'assets/app.js'), 'console.log(1)');
  await writeFile(path.join(dir, '..', `${path.basename(dir)}-secret.txt`), 'TOP-SECRET-CONTENT');
  ctx = setup({ recent: [SITE_A] });
  server = await startLoopbackServer({ host: ctx.handlers, rendererDir: dir, bridgeScript: BRIDGE });
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
  await rm(path.join(dir, '..', `${path.basename(dir)}-secret.txt`), { force: true });
});

const rpc = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A raw request, so the Host header (and anything else) can be whatever we like. */
function raw(
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method, path: urlPath, headers, setHost: false },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('loopback server: requests', () => {
  it('binds to 127.0.0.1 and puts the token in the URL fragment only', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers a contract request with the handlers result', async () => {
    const res = await rpc({ name: 'app.info', payload: {} });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      value: { version: '9.9.9', transport: 'loopback', platform: 'testos' },
    });
  });

  it('passes handler errors through as WireResult values', async () => {
    const res = await rpc({ name: 'site.openRecent', payload: { path: '/etc/passwd' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'not-offered' } });
  });

  it('an absent payload is an empty one', async () => {
    const res = await rpc({ name: 'settings.get' });
    expect(await res.json()).toMatchObject({ ok: true, value: { recentSites: [SITE_A] } });
  });

  it('a null payload is refused like any other non-object', async () => {
    const res = await rpc({ name: 'settings.get', payload: null });
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('uses a fresh token per run', async () => {
    const other = await startLoopbackServer({ host: ctx.handlers, rendererDir: dir, bridgeScript: BRIDGE });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.port).not.toBe(server.port);
    } finally {
      await other.close();
    }
  });
});

describe('loopback server: refusals', () => {
  it('refuses a missing or wrong token', async () => {
    for (const token of ['', 'wrong', `${server.token}x`, server.token.slice(1)]) {
      const res = await rpc({ name: 'app.info', payload: {} }, { [TOKEN_HEADER]: token });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('refuses a Host header other than its own (DNS rebinding)', async () => {
    const h = { 'content-type': 'application/json', [TOKEN_HEADER]: server.token };
    const body = JSON.stringify({ name: 'app.info', payload: {} });
    for (const host of ['evil.example:80', `evil.example:${server.port}`, '127.0.0.1', '127.0.0.1:1']) {
      const r = await raw('POST', '/rpc', { ...h, host }, body);
      expect(r.status).toBe(421);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'wrong-host' } });
    }
    const page = await raw('GET', '/', { host: `attacker.test:${server.port}` });
    expect(page.status).toBe(421);
    const ok = await raw('POST', '/rpc', { ...h, host: `localhost:${server.port}` }, body);
    expect(ok.status).toBe(200);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`]) {
      const res = await rpc({ name: 'app.info', payload: {} }, { origin });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'foreign-origin' } });
    }
    expect((await rpc({ name: 'app.info', payload: {} }, { origin: server.origin })).status).toBe(200);
  });

  it('refuses bad JSON and bodies that are not {name, payload}', async () => {
    const bad = await rpc('{"name": ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid-request', message: /not valid JSON/ } });
    for (const body of ['[]', 'null', '"app.info"', '3']) {
      expect((await rpc(body)).status).toBe(400);
    }
  });

  it('refuses other content types (no form posts)', async () => {
    const res = await rpc({ name: 'app.info' }, { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('refuses names outside the contract', async () => {
    for (const name of ['app.quit', '__proto__', 'constructor', 42]) {
      const res = await rpc({ name, payload: {} });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'unknown-request' } });
    }
  });

  it('refuses invalid payloads of known requests with the field named', async () => {
    const res = await rpc({ name: 'settings.setTheme', payload: { theme: 'neon' } });
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: /theme/ },
    });
  });

  it('refuses an oversized body without reading it all', async () => {
    const big = JSON.stringify({ name: 'app.info', payload: { x: 'y'.repeat(MAX_BODY_BYTES) } });
    const res = await rpc(big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'too-large' } });
    // The server is still healthy afterwards.
    expect((await rpc({ name: 'app.info' })).status).toBe(200);
  });

  it('refuses a streamed oversized body that announces no length', async () => {
    const r = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/rpc',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_BODY_BYTES * 2) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(r).toBe(413);
  });

  it('refuses GET on /rpc and other methods on pages', async () => {
    expect((await fetch(`${server.origin}/rpc`)).status).toBe(405);
    expect((await fetch(`${server.origin}/`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('loopback server: pages', () => {
  it('serves index.html with the bridge injected before the app script, and the strict CSP', async () => {
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    const bridgeAt = html.indexOf(`<script src="${BRIDGE_PATH}"></script>`);
    expect(bridgeAt).toBeGreaterThan(0);
    expect(bridgeAt).toBeLessThan(html.indexOf('./assets/app.js'));
    const bridge = await fetch(`${server.origin}${BRIDGE_PATH}`);
    expect(bridge.headers.get('content-type')).toMatch(/javascript/);
    expect(await bridge.text()).toBe(BRIDGE);
  });

  it('serves built assets with their type and refuses paths outside the folder', async () => {
    const js = await fetch(`${server.origin}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toBe('console.log(1)');
    expect((await fetch(`${server.origin}/assets/nope.js`)).status).toBe(404);
    const secret = `${path.basename(dir)}-secret.txt`;
    for (const p of [
      `/../${secret}`,
      `/%2e%2e/${secret}`,
      `/assets/..%2f..%2f${secret}`,
      '/%00',
      '/%E0%A4%A',
    ]) {
      const r = await raw('GET', p, { host: `127.0.0.1:${server.port}` });
      expect([400, 404]).toContain(r.status);
      expect(r.body).not.toContain('TOP-SECRET-CONTENT');
    }
  });

  it('says plainly when the renderer is not built', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'paddock-empty-'));
    const s = await startLoopbackServer({ host: ctx.handlers, rendererDir: empty, bridgeScript: BRIDGE });
    try {
      const res = await fetch(`${s.origin}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/npm run build/);
    } finally {
      await s.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('loopback server: events', () => {
  it('refuses /events without the token', async () => {
    expect((await fetch(`${server.origin}/events`)).status).toBe(401);
    expect((await fetch(`${server.origin}/events?token=nope`)).status).toBe(401);
  });

  it('streams contract events as Server-Sent Events, and stops on disconnect', async () => {
    const ac = new AbortController();
    const res = await fetch(`${server.origin}/events?token=${encodeURIComponent(server.token)}`, {
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no body');
    const listenersBefore = ctx.handlers.events.size;
    expect(listenersBefore).toBe(2);
    await ctx.handlers.openSite(SITE_A, 'command-line');
    const pattern = /event: site\.changed\ndata: (.*)\n\n/;
    let text = '';
    while (!pattern.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const m = pattern.exec(text);
    expect(m).not.toBeNull();
    expect(JSON.parse(m?.[1] ?? 'null')).toMatchObject({ path: SITE_A, fileName: 'a.yaml' });
    ac.abort();
    await expect.poll(() => ctx.handlers.events.size).toBe(1);
  });
});
