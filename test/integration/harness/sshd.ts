// Real OpenSSH servers for integration tests and benchmarks, on loopback, each with its own
// folder: host keys, sshd_config, log, authorized_keys, and small remote programs
// (argv-echo, session-probe). Every sshd runs in a private mount namespace where /etc/shadow and
// /etc/pam.d/sshd are replaced by per-instance copies, so password and keyboard-interactive
// logins work for root with a test password without touching the machine's accounts (and
// root's ~/.bashrc is hidden, see keepRootBashrc).
//
//   const s = await startSshd({ authorizedKeys: [publicLine], password: 'pw', keyboardInteractive: true });
//   ... connect to s.host:s.port as root ...
//   await s.stop();
//
// Requires root (sshd, unshare, mount). Kills only the processes it started.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alive, run, sleep, waitFor } from '../../lab/exec';

export type KeyType = 'ed25519' | 'ecdsa' | 'rsa';

export interface SshdOptions {
  /** Label in folder names and logs. */
  name?: string;
  /** Listen on this port (e.g. to restart a host with new keys); default: a free one. */
  port?: number;
  listenAddress?: string;
  /** Host key types to generate (default ed25519). */
  hostKeyTypes?: KeyType[];
  /** Reuse the host keys of this folder (a previous instance's `dir`) instead of generating. */
  hostKeysFrom?: string;
  /** Public key lines allowed to log in as root. */
  authorizedKeys?: string[];
  /** Enable password login for root with this password. */
  password?: string;
  /** Enable keyboard-interactive (through PAM, answered with `password`). */
  keyboardInteractive?: boolean;
  publickey?: boolean;
  /** This text as /etc/pam.d/sshd in the server's namespace (e.g. pam_oath asking for a
   * one-time code): UsePAM and keyboard-interactive are on, and root may log in with them.
   * Combine with `extraConfig: ['AuthenticationMethods publickey,keyboard-interactive']`. */
  pam?: string;
  maxSessions?: number;
  /** Run this instead of whatever the client asked (SSH_ORIGINAL_COMMAND holds the request). */
  forceCommand?: string;
  allowTcpForwarding?: boolean;
  /** DEBUG (default) logs every authentication request. */
  logLevel?: 'INFO' | 'VERBOSE' | 'DEBUG' | 'DEBUG2' | 'DEBUG3';
  extraConfig?: string[];
  /** Keep this machine's /root/.bashrc visible to the remote shell. By default it is hidden
   * (an empty file is mounted over it in the server's namespace), as on a fresh host: bash
   * started by sshd reads ~/.bashrc, and a workstation's profile (pyenv and the like) would
   * otherwise run on every command. */
  keepRootBashrc?: boolean;
}

export interface HostKeyInfo {
  type: string;
  /** As `ssh-keygen -lf` prints it: "SHA256:...". */
  fingerprint: string;
  /** "type base64" */
  publicLine: string;
}

export interface SshdInstance {
  name: string;
  host: string;
  port: number;
  dir: string;
  logFile: string;
  pid: number;
  hostKeys: HostKeyInfo[];
  /** Remote program printing each of its arguments followed by a NUL byte. */
  argvEcho: string;
  /** Remote program: records "+ PID" / "- PID" in sessionLog around `sleep $1`. */
  sessionProbe: string;
  sessionLog: string;
  log(): Promise<string>;
  /** Authentication requests the server has received (from its log: needs logLevel DEBUG or
   * more, the default). */
  authAttempts(): Promise<number>;
  /** Highest number of session-probe runs at once, from sessionLog. */
  maxConcurrentSessions(): Promise<number>;
  /** OpenSSH known_hosts lines for this server. */
  knownHostsLines(): string[];
  /** SIGSTOP sshd and every process under it: a silently dead peer. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export interface ClientKey {
  privatePath: string;
  privateText: string;
  publicLine: string;
  fingerprint: string;
}

const PAM_SSHD = [
  'auth required pam_unix.so',
  'account required pam_permit.so',
  'session required pam_permit.so',
  'password required pam_deny.so',
  '',
].join('\n');

async function fingerprintOf(pubFile: string): Promise<string> {
  const out = await run(['ssh-keygen', '-l', '-E', 'sha256', '-f', pubFile]);
  const fp = out.split(/\s+/)[1];
  if (!fp?.startsWith('SHA256:')) throw new Error(`sshd harness: no fingerprint in "${out.trim()}"`);
  return fp;
}

/** A client key made by ssh-keygen (OpenSSH format; bcrypt-protected when a passphrase is given). */
export async function makeClientKey(
  dir: string,
  type: KeyType,
  passphrase = '',
  comment = `paddock-test-${type}`,
): Promise<ClientKey> {
  await mkdir(dir, { recursive: true });
  const privatePath = path.join(dir, `id_${type}_${randomBytes(3).toString('hex')}`);
  const bits = type === 'rsa' ? ['-b', '3072'] : type === 'ecdsa' ? ['-b', '256'] : [];
  await run(['ssh-keygen', '-q', '-t', type, ...bits, '-N', passphrase, '-C', comment, '-f', privatePath]);
  return {
    privatePath,
    privateText: await readFile(privatePath, 'utf8'),
    publicLine: (await readFile(`${privatePath}.pub`, 'utf8')).trim(),
    fingerprint: await fingerprintOf(`${privatePath}.pub`),
  };
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves true once something on host:port speaks SSH. */
function speaksSsh(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = tcpConnect({ host, port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('error', () => done(false));
    sock.once('data', (d: Buffer) => done(d.toString('latin1').startsWith('SSH-')));
  });
}

/** PIDs of every process below `pid` (from /proc). */
async function descendants(pid: number): Promise<number[]> {
  const parent = new Map<number, number>();
  for (const e of await readdir('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = await readFile(`/proc/${e}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name in parentheses, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(e), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) {
      if (pp === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

function signalAll(pids: number[], sig: NodeJS.Signals): void {
  for (const p of pids) {
    try {
      process.kill(p, sig);
    } catch {
      // Already gone.
    }
  }
}

async function shadowWithRootPassword(password: string): Promise<string> {
  const hash = (
    await run(['openssl', 'passwd', '-6', '-salt', randomBytes(6).toString('hex'), password])
  ).trim();
  const lines = (await readFile('/etc/shadow', 'utf8')).split('\n');
  const i = lines.findIndex((l) => l.startsWith('root:'));
  const fields = (lines[i] ?? 'root:*:19000:0:99999:7:::').split(':');
  fields[1] = hash;
  // Never expired, no forced change.
  fields[2] = '19000';
  if (i >= 0) lines[i] = fields.join(':');
  else lines.unshift(fields.join(':'));
  return lines.join('\n');
}

export async function startSshd(o: SshdOptions = {}): Promise<SshdInstance> {
  await mkdir('/run/sshd', { recursive: true });
  const name = o.name ?? 'sshd';
  const dir = await mkdtemp(path.join(tmpdir(), `paddock-${name}-`));
  const host = o.listenAddress ?? '127.0.0.1';
  const types = o.hostKeyTypes ?? ['ed25519'];
  const hostKeys: HostKeyInfo[] = [];
  const hostKeyFiles: string[] = [];
  for (const t of types) {
    const file = path.join(dir, `ssh_host_${t}_key`);
    if (o.hostKeysFrom) {
      await writeFile(file, await readFile(path.join(o.hostKeysFrom, `ssh_host_${t}_key`)), { mode: 0o600 });
      await writeFile(`${file}.pub`, await readFile(path.join(o.hostKeysFrom, `ssh_host_${t}_key.pub`)));
    } else {
      await run([
        'ssh-keygen',
        '-q',
        '-t',
        t,
        ...(t === 'rsa' ? ['-b', '3072'] : []),
        '-N',
        '',
        '-C',
        `${name}-host`,
        '-f',
        file,
      ]);
    }
    const pub = (await readFile(`${file}.pub`, 'utf8')).trim().split(/\s+/);
    hostKeys.push({
      type: pub[0] ?? t,
      fingerprint: await fingerprintOf(`${file}.pub`),
      publicLine: `${pub[0]} ${pub[1]}`,
    });
    hostKeyFiles.push(file);
  }
  const authorizedKeys = path.join(dir, 'authorized_keys');
  await writeFile(authorizedKeys, (o.authorizedKeys ?? []).map((k) => `${k}\n`).join(''), { mode: 0o600 });
  const sessionLog = path.join(dir, 'sessions.log');
  const argvEcho = path.join(dir, 'argv-echo');
  await writeFile(argvEcho, `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done\n`);
  const sessionProbe = path.join(dir, 'session-probe');
  await writeFile(
    sessionProbe,
    `#!/bin/sh\necho "+ $$" >> '${sessionLog}'\nsleep "\${1:-0.2}"\necho "- $$" >> '${sessionLog}'\n`,
  );
  await chmod(argvEcho, 0o755);
  await chmod(sessionProbe, 0o755);

  const passwordish = o.password !== undefined;
  const shadow = path.join(dir, 'shadow');
  const pam = path.join(dir, 'pam-sshd');
  if (passwordish) await writeFile(shadow, await shadowWithRootPassword(o.password ?? ''), { mode: 0o600 });
  const ownPam = passwordish || o.pam !== undefined;
  if (ownPam) await writeFile(pam, o.pam ?? PAM_SSHD);
  const logFile = path.join(dir, 'sshd.log');
  const config = path.join(dir, 'sshd_config');
  const emptyBashrc = path.join(dir, 'empty-bashrc');
  const hideBashrc =
    !o.keepRootBashrc &&
    (await stat('/root/.bashrc').then(
      (st) => st.isFile(),
      () => false,
    ));
  if (hideBashrc) await writeFile(emptyBashrc, '');

  let attempts = 0;
  for (;;) {
    const port = o.port ?? (await freePort(host));
    await writeFile(
      config,
      [
        `Port ${port}`,
        `ListenAddress ${host}`,
        ...hostKeyFiles.map((f) => `HostKey ${f}`),
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${authorizedKeys}`,
        `PermitRootLogin ${ownPam ? 'yes' : 'prohibit-password'}`,
        `PubkeyAuthentication ${o.publickey === false ? 'no' : 'yes'}`,
        `PasswordAuthentication ${passwordish ? 'yes' : 'no'}`,
        `KbdInteractiveAuthentication ${o.keyboardInteractive || o.pam !== undefined ? 'yes' : 'no'}`,
        `UsePAM ${(passwordish && o.keyboardInteractive) || o.pam !== undefined ? 'yes' : 'no'}`,
        'StrictModes no',
        `MaxSessions ${o.maxSessions ?? 10}`,
        'MaxStartups 100:30:200',
        `AllowTcpForwarding ${o.allowTcpForwarding === false ? 'no' : 'yes'}`,
        'X11Forwarding no',
        'PrintMotd no',
        'UseDNS no',
        `LogLevel ${o.logLevel ?? 'DEBUG'}`,
        'SyslogFacility AUTH',
        ...(o.forceCommand ? [`ForceCommand ${o.forceCommand}`] : []),
        ...(o.extraConfig ?? []),
        '',
      ].join('\n'),
    );
    await run(['/usr/sbin/sshd', '-t', '-f', config]);
    const inner = [
      ...(passwordish ? [`mount --bind '${shadow}' /etc/shadow`] : []),
      ...(ownPam ? [`mount --bind '${pam}' /etc/pam.d/sshd`] : []),
      ...(hideBashrc ? [`mount --bind '${emptyBashrc}' /root/.bashrc`] : []),
      `exec /usr/sbin/sshd -D -f '${config}' -E '${logFile}'`,
    ].join(' && ');
    const child: ChildProcess = spawn(
      'unshare',
      ['--mount', '--propagation', 'private', '--', '/bin/sh', '-c', inner],
      {
        stdio: 'ignore',
      },
    );
    const pid = child.pid;
    if (!pid) throw new Error('sshd harness: could not start unshare/sshd');
    let exited = false;
    child.once('exit', () => (exited = true));
    try {
      await waitFor(`sshd ${name} on ${host}:${port}`, 15_000, async () => {
        if (exited) throw new Error('exited');
        return speaksSsh(host, port);
      });
    } catch (e) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      if (exited && !o.port && attempts++ < 5 && /Address already in use|Cannot bind/.test(log)) continue;
      if (!exited) child.kill('SIGKILL');
      throw new Error(`sshd harness: ${name} did not start (${(e as Error).message}): ${log.slice(-1500)}`);
    }
    child.unref();
    const instance: SshdInstance = {
      name,
      host,
      port,
      dir,
      logFile,
      pid,
      hostKeys,
      argvEcho,
      sessionProbe,
      sessionLog,
      log: () => readFile(logFile, 'utf8').catch(() => ''),
      async authAttempts() {
        const log = await instance.log();
        return log.split('\n').filter((l) => /userauth-request for user/.test(l)).length;
      },
      async maxConcurrentSessions() {
        const text = await readFile(sessionLog, 'utf8').catch(() => '');
        let now = 0;
        let max = 0;
        for (const l of text.split('\n')) {
          if (l.startsWith('+')) max = Math.max(max, ++now);
          else if (l.startsWith('-')) now--;
        }
        return max;
      },
      knownHostsLines() {
        const name22 = port === 22 ? host : `[${host}]:${port}`;
        return hostKeys.map((k) => `${name22} ${k.publicLine}`);
      },
      async pause() {
        const all = [pid, ...(await descendants(pid))];
        signalAll(all, 'SIGSTOP');
      },
      async resume() {
        signalAll([pid, ...(await descendants(pid))], 'SIGCONT');
      },
      async stop() {
        const all = [pid, ...(await descendants(pid))];
        signalAll(all, 'SIGCONT');
        signalAll(all, 'SIGTERM');
        const end = Date.now() + 5000;
        while (all.some((p) => alive(p)) && Date.now() < end) await sleep(50);
        signalAll(
          all.filter((p) => alive(p)),
          'SIGKILL',
        );
        if (!exited) await new Promise((r) => (exited ? r(null) : child.once('exit', r)));
      },
    };
    return instance;
  }
}

/** Stop the servers and remove their folders (best effort: a failed test must not leak sshd). */
export async function stopAll(
  instances: readonly (SshdInstance | undefined)[],
  removeDirs = true,
): Promise<void> {
  await Promise.all(
    instances.map(async (s) => {
      if (!s) return;
      await s.stop().catch(() => undefined);
      if (removeDirs) await rm(s.dir, { recursive: true, force: true });
    }),
  );
}
