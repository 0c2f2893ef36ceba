// `npm run bench -- ssh [--hosts N] [--rounds R]`: a trivial command (`true`) on N real sshd
// hosts on loopback, all at once, three ways in the same run:
//   warm pool  - Paddock's pool with its connections already open (the everyday case),
//   cold pool  - a new pool per round (TCP + key exchange + authentication per host),
//   OpenSSH    - the `ssh` client, one process per host, in parallel (the baseline),
// each with strict host key checking and key authentication, and the pool writing its audit
// log. Prints the median round time of each and the ratios; target: warm >= 10x faster than
// OpenSSH. stdout: one JSON line with the numbers. Needs root (it starts sshd).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditLog } from '../../core/audit/audit-log';
import { KnownHostsStore } from '../../core/ssh/known-hosts';
import { SshPool } from '../../core/ssh/pool';
import type { SshTarget } from '../../core/ssh/target';
import { DomainVault } from '../../core/vault/domain-vault';
import type { SshdInstance } from '../../test/integration/harness/sshd';
import { makeClientKey, startSshd, stopAll } from '../../test/integration/harness/sshd';
import { median } from '../stats';

export const heavy = true;

const TARGET_RATIO = 10;

function usage(message: string): never {
  console.error(`ssh benchmark: ${message}`);
  console.error('usage: npm run bench -- ssh [--hosts N (>= 20)] [--rounds R]');
  process.exit(2);
}

function parseArgs(args: string[]): { hosts: number; rounds: number } {
  const out = { hosts: 20, rounds: 5 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const v = Number(args[i + 1]);
    if (a === '--hosts' || a === '--rounds') {
      if (!Number.isInteger(v) || v < 1) usage(`${a} needs a positive integer, got "${args[i + 1] ?? ''}"`);
      if (a === '--hosts') out.hosts = v;
      else out.rounds = v;
      i++;
    } else usage(`unknown argument "${a}"`);
  }
  if (out.hosts < 20) usage('the comparison needs at least 20 hosts');
  return out;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function openssh(s: SshdInstance, key: string, knownHosts: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'ssh',
      [
        '-F',
        '/dev/null',
        '-i',
        key,
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${knownHosts}`,
        '-o',
        'GlobalKnownHostsFile=/dev/null',
        '-p',
        String(s.port),
        `root@${s.host}`,
        'true',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ssh to ${s.port} exited ${code}: ${err.trim()}`)),
    );
  });
}

export async function run(argv: string[]): Promise<void> {
  const { hosts, rounds } = parseArgs(argv);
  const dir = await mkdtemp(path.join(tmpdir(), 'paddock-bench-ssh-'));
  const servers: SshdInstance[] = [];
  let audit: AuditLog | null = null;
  try {
    console.error(`# ssh: starting ${hosts} sshd on loopback`);
    const key = await makeClientKey(path.join(dir, 'keys'), 'ed25519');
    for (let i = 0; i < hosts; i++) {
      servers.push(
        await startSshd({ name: `bench${i}`, authorizedKeys: [key.publicLine], logLevel: 'INFO' }),
      );
    }
    const knownHosts = path.join(dir, 'known_hosts');
    await writeFile(knownHosts, `${servers.flatMap((s) => s.knownHostsLines()).join('\n')}\n`);
    const store = new KnownHostsStore(path.join(dir, 'bench.known-hosts.json'), 'bench');
    for (const s of servers) {
      for (const k of s.hostKeys)
        await store.add(s.host, s.port, { keyType: k.type, fingerprint: k.fingerprint }, 'accepted');
    }
    const vault = new DomainVault('bench', path.join(dir, 'bench.vault'));
    await vault.create('benchmark vault passphrase');
    await vault.addPrivateKey({ name: 'k', privateKey: key.privateText });
    audit = await AuditLog.open(path.join(dir, 'audit.jsonl'));
    const sink = audit;
    const targets: SshTarget<'bench'>[] = servers.map((s) => ({
      domain: 'bench',
      name: s.name,
      host: s.host,
      port: s.port,
      user: 'root',
    }));
    const newPool = () => new SshPool({ audit: sink, knownHosts: () => store, prompt: null });
    const fanOut = async (pool: SshPool) => {
      const results = await Promise.all(
        targets.map((t) => pool.run(t, vault.handle('k'), { argv: ['true'] })),
      );
      const bad = results.find((r) => r.code !== 0);
      if (bad) throw new Error(`a command failed: ${JSON.stringify(bad)}`);
    };

    // One untimed round of each first: page cache, sshd's first fork, the client binary.
    await openssh(servers[0] as SshdInstance, key.privatePath, knownHosts);
    const warmPool = newPool();
    await fanOut(warmPool);

    const times = { warm: [] as number[], cold: [] as number[], openssh: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      times.openssh.push(
        await timed(() =>
          Promise.all(servers.map((s) => openssh(s, key.privatePath, knownHosts))).then(() => undefined),
        ),
      );
      const cold = newPool();
      times.cold.push(await timed(() => fanOut(cold)));
      cold.shutdown();
      times.warm.push(await timed(() => fanOut(warmPool)));
      console.error(
        `  round ${r + 1}/${rounds}: warm ${times.warm.at(-1)?.toFixed(1)} ms, cold ${times.cold.at(-1)?.toFixed(1)} ms, OpenSSH ${times.openssh.at(-1)?.toFixed(1)} ms`,
      );
    }
    warmPool.shutdown();

    const m = { warm: median(times.warm), cold: median(times.cold), openssh: median(times.openssh) };
    const warmRatio = m.openssh / m.warm;
    const coldRatio = m.openssh / m.cold;
    console.error('');
    console.error(`  \`true\` on ${hosts} hosts at once, median of ${rounds} rounds`);
    console.error(`  ${'method'.padEnd(28)} ${'ms'.padStart(9)} ${'vs OpenSSH'.padStart(11)}`);
    console.error(
      `  ${'OpenSSH ssh, one per host'.padEnd(28)} ${m.openssh.toFixed(1).padStart(9)} ${'1.0x'.padStart(11)}`,
    );
    console.error(
      `  ${'Paddock pool, cold'.padEnd(28)} ${m.cold.toFixed(1).padStart(9)} ${`${coldRatio.toFixed(1)}x`.padStart(11)}`,
    );
    console.error(
      `  ${'Paddock pool, warm'.padEnd(28)} ${m.warm.toFixed(1).padStart(9)} ${`${warmRatio.toFixed(1)}x`.padStart(11)}`,
    );
    console.error(
      `  target: warm pool >= ${TARGET_RATIO}x faster than OpenSSH fan-out: ${warmRatio >= TARGET_RATIO ? 'MET' : 'NOT MET'} (${warmRatio.toFixed(1)}x)`,
    );
    console.log(
      JSON.stringify({
        suite: 'ssh',
        hosts,
        rounds,
        medianMs: m,
        ratios: { warm: warmRatio, cold: coldRatio },
        targetRatio: TARGET_RATIO,
        samplesMs: times,
      }),
    );
  } finally {
    await audit?.close();
    await stopAll(servers);
    await rm(dir, { recursive: true, force: true });
  }
}
