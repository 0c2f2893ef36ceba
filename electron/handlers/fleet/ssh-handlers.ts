// ssh.testConnection: log in to one container with its domain's credentials, through the
// domain's jump host and the pool, and run one harmless command (recorded in the audit log like
// every command). Runs as a job: progress, "waiting for your decision" while a host-key dialog
// is open, "waiting for your answer" while a login question (a one-time code) is, and cancel
// (which also closes those dialogs, as a "reject" or a refusal).
import type { ServiceImpl } from '../app-handlers';
import type { JobContext } from '../../../core/jobs/job-manager';
import { credentialRunner } from './credential-runner';
import { coreCall } from './fleet-errors';
import type { FleetContext } from './fleet-context';
import type { ContainerRef } from './fleet-targets';
import { findContainer, vaultFor } from './fleet-targets';

/** What the test runs: harmless, and its answer shows which machine was reached. */
export const TEST_COMMAND: readonly string[] = ['uname', '-n'];
const TEST_TIMEOUT_MS = 60_000;

export function sshHandlers(f: FleetContext): Pick<ServiceImpl, 'ssh.testConnection'> {
  return {
    'ssh.testConnection': async ({ container, credential }) => {
      const ref = findContainer(f.site(), container);
      const core = await f.core();
      const vault = vaultFor(core.vaults, ref);
      // Checked now, so a locked or empty vault is an answer to this request, not a failed job.
      const candidates = f.choice.candidates(vault, credential);
      const c = ref.container;
      const job = f.jobs.start(
        {
          kind: 'ssh.test',
          title: `Test connection to ${c.name}`,
          lockKey: `ssh-test:${c.domain}/${c.name}`,
        },
        (ctx) =>
          testConnection(
            f,
            ref,
            candidates.map((x) => x.id),
            ctx,
          ),
      );
      return { jobId: job.id };
    },
  };
}

async function testConnection(
  f: FleetContext,
  ref: ContainerRef,
  credentialIds: readonly string[],
  ctx: JobContext,
): Promise<void> {
  const core = await f.core();
  const c = ref.container;
  const where = `${c.ssh.user}@${c.address}:${c.ssh.port}`;
  const offPrompt = f.prompts.onPrompt((p) => {
    if (p.domain === c.domain && (p.host === c.address || p.container.startsWith(`${c.name} `))) {
      ctx.progress(
        undefined,
        p.kind === 'unknown' ? 'Waiting for your decision on the host key…' : 'Host key CHANGED: stopped',
      );
    }
  });
  const jump = ref.domain.ssh.jumpHost;
  const offAuthPrompt = f.authPrompts.onPrompt((p) => {
    const atContainer = p.host === c.address && p.port === c.ssh.port;
    const atJump = jump !== undefined && p.host === jump.address && p.port === jump.port;
    if (p.domain === c.domain && (atContainer || atJump)) ctx.progress(undefined, 'Waiting for your answer…');
  });
  const viaJump = jump ? ` via ${jump.address}:${jump.port}` : '';
  const onCancel = () => {
    f.prompts.cancelFor(c.domain, c.address, c.ssh.port);
    f.authPrompts.cancelFor(c.domain, c.address, c.ssh.port);
    if (jump) {
      f.prompts.cancelFor(c.domain, jump.address, jump.port);
      f.authPrompts.cancelFor(c.domain, jump.address, jump.port);
    }
  };
  ctx.signal.addEventListener('abort', onCancel, { once: true });
  try {
    let tried = '';
    const runner = credentialRunner(core.pool, core.vaults, f.choice, ref, {
      credentialIds,
      onAttempt: (name, i, n) => {
        tried = name;
        ctx.progress((i + 0.1) / n, `Connecting to ${where}${viaJump} with "${name}"…`);
      },
      onRefused: (name) => ctx.log(`"${name}" was not accepted`),
    });
    const r = await coreCall(() =>
      runner.run({
        argv: TEST_COMMAND,
        timeoutMs: TEST_TIMEOUT_MS,
        maxOutputBytes: 4096,
        signal: ctx.signal,
      }),
    );
    if (r.code !== 0) throw new Error(`"${TEST_COMMAND.join(' ')}" exited with status ${String(r.code)}`);
    const name = r.stdout.trim().slice(0, 200);
    ctx.progress(
      1,
      `Logged in as ${c.ssh.user} with "${tried}"${viaJump}${name ? `; the host calls itself ${name}` : ''}`,
    );
  } finally {
    offPrompt();
    offAuthPrompt();
    ctx.signal.removeEventListener('abort', onCancel);
  }
}
