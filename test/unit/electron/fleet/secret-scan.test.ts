// Nothing the renderer is sent may carry secret material. A property over random sessions
// (vault created, keys pasted with and without passphrases, keys generated in main, passwords,
// wrong and right unlocks, passphrase changes, export/import, remember, connection tests, every
// read request): each response and each event is serialised as a transport would send it and
// scanned for every secret of the session (passphrases, passwords, every line of each private
// key's body, the raw private scalars in base64/base64url/hex). The files left in the data
// folder are scanned too: vaults and exports must hold only ciphertext.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainVault } from '../../../../core/vault/domain-vault';
import { countingListener, fleetSetup } from './fleet-setup';
import type { Needle } from './secret-needles';
import { keyNeedles, leaks, leaksInBytes, textNeedles } from './secret-needles';
import { ed25519Pair } from '../../../fixtures/ssh-keys';

type Op =
  | { op: 'password'; password: string; ki: boolean }
  | { op: 'paste'; type: 'ed25519' | 'ecdsa' | 'rsa'; passphrase: string | null }
  | { op: 'generate' }
  | { op: 'relock'; wrong: string }
  | { op: 'remove' }
  | { op: 'rekey'; next: string }
  | { op: 'export'; pass: string }
  | { op: 'remember' }
  | { op: 'test' }
  | { op: 'reads' };

// Distinctive prefixes keep a secret from matching anything by chance.
const secret = (prefix: string) => fc.stringMatching(/^[A-Za-z0-9]{10,20}$/).map((s) => `${prefix}${s}`);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('password' as const), password: secret('Pw9'), ki: fc.boolean() }),
  fc.record({
    op: fc.constant('paste' as const),
    type: fc.constantFrom('ed25519' as const, 'ecdsa' as const, 'rsa' as const),
    passphrase: fc.option(secret('Kp7'), { nil: null }),
  }),
  fc.constant<Op>({ op: 'generate' }),
  fc.record({ op: fc.constant('relock' as const), wrong: secret('Wr5') }),
  fc.constant<Op>({ op: 'remove' }),
  fc.record({ op: fc.constant('rekey' as const), next: secret('Nx3') }),
  fc.record({ op: fc.constant('export' as const), pass: secret('Ex1') }),
  fc.constant<Op>({ op: 'remember' }),
  fc.constant<Op>({ op: 'test' }),
  fc.constant<Op>({ op: 'reads' }),
);

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

let host: Awaited<ReturnType<typeof countingListener>>;
beforeAll(async () => {
  host = await countingListener();
});
afterAll(() => host?.close());

describe('no secret reaches the renderer or stays on disk in clear', () => {
  it('holds over random sessions', async () => {
    await fc.assert(
      fc.asyncProperty(secret('Vp2'), fc.array(opArb, { minLength: 2, maxLength: 4 }), async (first, ops) => {
        const t = await fleetSetup({ ports: { mgmt: host.port, teach: host.port } });
        const needles: Needle[] = [...textNeedles('vault passphrase', first)];
        let passphrase = first;
        let n = 0;
        try {
          await t.ok('vault.create', { domain: 'mgmt', passphrase });
          for (const o of ops) {
            const name = `c${++n}`;
            if (o.op === 'password') {
              needles.push(...textNeedles(`password ${name}`, o.password));
              const methods = o.ki ? (['keyboard-interactive'] as const) : undefined;
              await t.ok('vault.addPassword', {
                domain: 'mgmt',
                name,
                password: o.password,
                ...(methods ? { methods: [...methods] } : {}),
              });
            } else if (o.op === 'paste') {
              const protect: { passphrase: string; cipher: string; rounds: number } | Record<string, never> =
                o.passphrase ? { passphrase: o.passphrase, cipher: 'aes256-ctr', rounds: 16 } : {};
              const pair =
                o.type === 'rsa'
                  ? ssh2.utils.generateKeyPairSync('rsa', { bits: 2048, ...protect })
                  : o.type === 'ecdsa'
                    ? ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 as const, ...protect })
                    : ed25519Pair(protect);
              needles.push(
                ...keyNeedles(`pasted ${o.type} ${name}`, pair.private, o.passphrase ?? undefined),
              );
              if (o.passphrase) needles.push(...textNeedles(`key passphrase ${name}`, o.passphrase));
              await t.ok('vault.addKeyPaste', {
                domain: 'mgmt',
                name,
                pem: pair.private,
                ...(o.passphrase ? { passphrase: o.passphrase } : {}),
              });
            } else if (o.op === 'generate') {
              await t.ok('vault.generateKey', { domain: 'mgmt', name });
            } else if (o.op === 'relock') {
              needles.push(...textNeedles('wrong passphrase', o.wrong));
              await t.ok('vault.lock', { domain: 'mgmt' });
              await t.fail('vault.unlock', { domain: 'mgmt', passphrase: o.wrong });
              await t.ok('vault.unlock', { domain: 'mgmt', passphrase });
            } else if (o.op === 'remove') {
              const creds = (await t.ok('vault.list', {})).domains[0]?.credentials ?? [];
              if (creds[0]) await t.ok('vault.remove', { domain: 'mgmt', credential: creds[0].id });
            } else if (o.op === 'rekey') {
              needles.push(...textNeedles('new vault passphrase', o.next));
              await t.ok('vault.changePassphrase', { domain: 'mgmt', current: passphrase, next: o.next });
              passphrase = o.next;
            } else if (o.op === 'export') {
              needles.push(...textNeedles('export passphrase', o.pass));
              const file = path.join(t.dir, `export-${name}`);
              await t.ok('vault.export', { domain: 'mgmt', passphrase: o.pass, path: file });
              await t.ok('vault.import', { domain: 'mgmt', passphrase: o.pass, path: file });
            } else if (o.op === 'remember') {
              await t.ok('vault.remember', { domain: 'mgmt', remember: true, passphrase });
            } else if (o.op === 'test') {
              const r = await t.call('ssh.testConnection', { container: 'mgmt-c1' });
              if (r.ok) {
                await expect
                  .poll(
                    async () => (await t.ok('jobs.list', {})).find((j) => j.id === r.value.jobId)?.state,
                    {
                      timeout: 20_000,
                    },
                  )
                  .toMatch(/failed|succeeded/);
              }
            } else {
              await t.ok('vault.list', {});
              await t.ok('audit.query', {});
              await t.ok('jobs.list', {});
              await t.ok('monitor.status', {});
              await t.ok('knownHosts.list', {});
              await t.ok('hostkey.pending', {});
            }
          }
          await t.ok('vault.list', {});
          // Keys generated in main: their secrets are known only to the vault; read them back.
          const vault = new DomainVault('mgmt', path.join(t.dir, 'data/vaults/mgmt.vault'));
          await vault.unlock(passphrase);
          for (const c of vault.list()) {
            if (c.kind !== 'private-key') continue;
            const s = vault.resolveSecret(c.id);
            if (s.kind === 'private-key')
              needles.push(
                ...keyNeedles(`stored key ${c.name}`, s.key.toString('utf8'), s.passphrase?.toString('utf8')),
              );
          }
          vault.lock();

          const sent = [...t.wire, ...t.events.map((e) => JSON.stringify(e))].join('\n');
          expect(leaks(sent, needles)).toEqual([]);
          for (const f of await filesUnder(t.dir)) {
            if (f.endsWith('site.yaml')) continue;
            expect({
              file: path.relative(t.dir, f),
              leaks: leaksInBytes(await readFile(f), needles),
            }).toEqual({
              file: path.relative(t.dir, f),
              leaks: [],
            });
          }
        } finally {
          await t.dispose();
        }
      }),
      { numRuns: 3 },
    );
  }, 600_000);

  it('the scan itself finds a leak (it is not vacuous)', () => {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    const needles = keyNeedles('k', pair.private);
    expect(leaks(JSON.stringify({ pem: pair.private }), needles).length).toBeGreaterThan(0);
    const seed = needles.find((x) => x.binary);
    expect(
      seed && leaksInBytes(Buffer.concat([Buffer.from('x'), seed.binary ?? Buffer.alloc(0)]), needles),
    ).toContain(seed?.label);
    expect(leaks('…"Pw9abcdefghijk"…', textNeedles('p', 'Pw9abcdefghijk'))).toEqual(['p']);
  });
});
