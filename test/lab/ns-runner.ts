// A test-only CommandRunner that runs argv inside a lab host's namespaces (nsenter into its
// anchor process) with execFile: no shell, no SSH. Integration tests use it to check the
// drivers against real virsh/libvirtd; the real path over SSH is core/ssh.
import { spawn } from 'node:child_process';
import type { CommandResult, CommandRunner, RemoteCommand } from '../../core/exec/types';
import { inHost } from './exec';

export class NamespaceRunner implements CommandRunner {
  readonly commands: string[][] = [];

  constructor(
    readonly target: string,
    private readonly anchorPid: number,
  ) {}

  run(cmd: RemoteCommand): Promise<CommandResult> {
    const argv = inHost(this.anchorPid, cmd.argv);
    this.commands.push([...cmd.argv]);
    const [file, ...args] = argv;
    const t0 = Date.now();
    return new Promise((resolve, reject) => {
      if (!file) return reject(new Error('empty argv'));
      const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let bytes = 0;
      let cutOff = false;
      const limit = cmd.maxOutputBytes ?? Number.POSITIVE_INFINITY;
      const take = (chunk: Buffer, sink: 'out' | 'err'): void => {
        bytes += chunk.length;
        if (bytes > limit) {
          cutOff = true;
          child.kill('SIGKILL');
          return;
        }
        const s = chunk.toString('utf8');
        if (sink === 'out') {
          stdout += s;
          cmd.onStdout?.(s);
        } else {
          stderr += s;
          cmd.onStderr?.(s);
        }
      };
      child.stdout.on('data', (c: Buffer) => take(c, 'out'));
      child.stderr.on('data', (c: Buffer) => take(c, 'err'));
      const timer = cmd.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), cmd.timeoutMs) : undefined;
      const onAbort = (): void => void child.kill('SIGKILL');
      cmd.signal?.addEventListener('abort', onAbort, { once: true });
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (timer) clearTimeout(timer);
        cmd.signal?.removeEventListener('abort', onAbort);
        resolve({
          code: cutOff ? null : code,
          signal: signal ?? (cutOff ? 'output-limit' : undefined),
          stdout,
          stderr,
          durationMs: Date.now() - t0,
        });
      });
      if (cmd.stdin !== undefined) child.stdin.end(cmd.stdin);
      else child.stdin.end();
    });
  }
}
