// Running the lab's local programs: always an argument vector (execFile, no shell), with a
// timeout, and errors that name the command and carry its stderr.
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface ExecOptions {
  timeoutMs?: number;
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface ExecOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class LabCommandError extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly outcome: ExecOutcome,
  ) {
    const status = outcome.code === null ? 'was killed (timeout?)' : `exited ${outcome.code}`;
    const detail = (outcome.stderr.trim() || outcome.stdout.trim()).slice(0, 800);
    super(`lab: \`${argv.join(' ')}\` ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'LabCommandError';
  }
}

/** Run argv and resolve with its outcome whatever the exit status. */
export function tryRun(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecOutcome> {
  const [file, ...args] = argv;
  if (!file) return Promise.reject(new Error('lab: empty command'));
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      {
        timeout: opts.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: opts.env ?? process.env,
        cwd: opts.cwd,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        let code: number | null = 0;
        if (err) {
          const c = (err as NodeJS.ErrnoException & { code?: unknown }).code;
          code = typeof c === 'number' ? c : null;
          if (c === 'ENOENT') stderr = `${file}: program not found`;
        }
        resolve({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Run argv; reject with a LabCommandError unless it exits 0. Resolves with stdout. */
export async function run(argv: readonly string[], opts: ExecOptions = {}): Promise<string> {
  const out = await tryRun(argv, opts);
  if (out.code !== 0) throw new LabCommandError(argv, out);
  return out.stdout;
}

/** argv that runs `cmd` inside a lab host: its network, mount and UTS namespaces, entered
 * through the host's anchor process. */
export function inHost(anchorPid: number, cmd: readonly string[]): string[] {
  return ['nsenter', '-t', String(anchorPid), '-m', '-u', '-n', '--', ...cmd];
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Whether a process exists (signal 0 probes without touching it). */
export function alive(pid: number | undefined): boolean {
  if (!pid || pid <= 1) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Poll `probe` until it returns true or `timeoutMs` passes; then throw `what`. */
export async function waitFor(
  what: string,
  timeoutMs: number,
  probe: () => Promise<boolean> | boolean,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    if (await probe()) return;
    if (Date.now() > end) throw new Error(`lab: timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(delay);
  }
}

/** Run a program that daemonises itself (forks, then its foreground part exits). Its stdio goes
 * to `logFile`, never to a pipe of ours, so the lingering daemon cannot keep us waiting. */
export async function startDaemon(
  argv: readonly string[],
  logFile: string,
  timeoutMs = 30_000,
): Promise<void> {
  const [file, ...args] = argv;
  if (!file) throw new Error('lab: empty command');
  const fd = openSync(logFile, 'a');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(file, args, { stdio: ['ignore', fd, fd] });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    if (code !== 0) {
      const tail = readFileSync(logFile, 'utf8').slice(-800).trim();
      throw new Error(`lab: \`${argv.join(' ')}\` exited ${String(code)}${tail ? `: ${tail}` : ''}`);
    }
  } finally {
    closeSync(fd);
  }
}

/** Start a long-lived process in its own session with no stdio; resolves its PID. */
export function spawnDetached(argv: readonly string[]): number {
  const [file, ...args] = argv;
  if (!file) throw new Error('lab: empty command');
  const child = spawn(file, args, { stdio: 'ignore', detached: true });
  child.unref();
  if (!child.pid) throw new Error(`lab: could not start \`${argv.join(' ')}\``);
  return child.pid;
}
