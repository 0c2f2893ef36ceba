// The audit log is write-ahead and fail-closed, against a real sshd: a command whose start record
// cannot be written is not run (its side effect never happens); a Paddock killed with SIGKILL
// mid-command leaves the start record, read back as "no outcome recorded"; the normal path
// writes start then end with one id, for commands, consoles and probes alike.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../core/audit/audit-log';
import { readAudit } from '../../../core/audit/audit-reader';
import { REPO_ROOT } from '../../lab/config';
import { sleep, waitFor } from '../../lab/exec';
import type { ClientKey, SshdInstance } from '../harness/sshd';
import { makeClientKey, startSshd, stopAll } from '../harness/sshd';
import { VAULT_PASSPHRASE, World } from './world';

let w: World;
let key: ClientKey;
let host: SshdInstance;

const handle = () => w.vaults.vault('mgmt').handle('k');

beforeAll(async () => {
  w = await World.create('audit-wa');
  key = await makeClientKey(path.join(w.dir, 'keys'), 'ed25519');
  await w.vaults.vault('mgmt').create(VAULT_PASSPHRASE);
  await w.vaults.vault('mgmt').addPrivateKey({ name: 'k', privateKey: key.privateText });
  host = await startSshd({ name: 'audit-wa', authorizedKeys: [key.publicLine] });
  await w.trust('mgmt', host);
}, 120_000);

afterAll(async () => {
  await stopAll([host]);
  await w?.dispose();
});

/** An audit log that worked when opened and now cannot be written: its path became a folder. */
async function brokenLog(): Promise<AuditLog> {
  const dir = path.join(w.dir, 'broken');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'audit.jsonl');
  const log = await AuditLog.open(file);
  await rm(file);
  await mkdir(file);
  return log;
}

describe('fail-closed', () => {
  it('does not run a command whose start record cannot be written, and says why', async () => {
    const log = await brokenLog();
    const pool = w.newPool({ audit: log });
    const marker = path.join(w.dir, 'touched-by-exec');
    const e = await pool
      .run(w.target('mgmt', host), handle(), { argv: ['touch', marker] })
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'audit-failed' });
    expect((e as Error).message).toMatch(
      /^mgmt\/audit-wa: not run: the audit log .*broken\/audit\.jsonl could not be written: EISDIR/,
    );
    await sleep(300);
    expect(existsSync(marker)).toBe(false);
    expect(pool.stats().channelsInUse).toBe(0);

    // A console is not opened either.
    const consoleMarker = path.join(w.dir, 'touched-by-console');
    await expect(
      pool.interactive(w.target('mgmt', host), handle(), {
        argv: ['touch', consoleMarker],
        pty: { rows: 24, cols: 80 },
      }),
    ).rejects.toMatchObject({
      code: 'audit-failed',
      message: expect.stringMatching(/not run: the audit log/),
    });
    // A probe fails with the reason instead of running.
    const probe = await pool.probe(w.target('mgmt', host), handle());
    expect(probe).toMatchObject({ ok: false, error: { code: 'audit-failed' } });
    await sleep(300);
    expect(existsSync(consoleMarker)).toBe(false);
    pool.shutdown();

    // The same command with a working log does have the effect (so the check above can fail).
    await w.pool.run(w.target('mgmt', host), handle(), { argv: ['touch', marker] });
    expect(existsSync(marker)).toBe(true);
  });
});

describe('write-ahead', () => {
  it('writes start then end with one id and the exit code, for commands, consoles and probes', async () => {
    const before = (await w.auditLines()).length;
    const r = await w.pool.run(w.target('mgmt', host), handle(), { argv: ['sh', '-c', 'exit 3'] });
    expect(r.code).toBe(3);
    const session = await w.pool.interactive(w.target('mgmt', host), handle(), {
      argv: ['sh', '-c', 'exit 4'],
      pty: { rows: 24, cols: 80 },
    });
    expect((await session.ended).code).toBe(4);
    expect((await w.pool.probe(w.target('mgmt', host), handle())).ok).toBe(true);
    await waitFor('six audit lines', 5_000, async () => (await w.auditLines()).length >= before + 6);

    const lines = (await w.auditLines()).slice(before);
    expect(lines.map((l) => [l.kind, l.phase, l.exitCode])).toEqual([
      ['exec', 'start', null],
      ['exec', 'end', 3],
      ['interactive', 'start', null],
      ['interactive', 'end', 4],
      ['probe', 'start', null],
      ['probe', 'end', 0],
    ]);
    for (let i = 0; i < 6; i += 2) {
      const [start, end] = [lines[i], lines[i + 1]];
      expect(start?.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(end?.id).toBe(start?.id);
      // The end repeats who, where and what.
      expect(end).toMatchObject({ host: 'audit-wa', user: 'root', argv: start?.argv, time: start?.time });
    }
    expect(new Set(lines.map((l) => l.id)).size).toBe(3);

    const rows = (await w.auditRecords()).slice(-3);
    expect(rows.map((x) => [x.kind, x.state, x.exitCode])).toEqual([
      ['exec', 'done', 3],
      ['interactive', 'done', 4],
      ['probe', 'done', 0],
    ]);
  });

  it('shows a command as running while it runs, then done', async () => {
    const pending = w.pool.run(w.target('mgmt', host), handle(), { argv: ['sleep', '1.5'] });
    await waitFor(
      'the start record of sleep 1.5',
      5_000,
      async () => (await w.auditRecords()).at(-1)?.argv.join(' ') === 'sleep 1.5',
    );
    expect((await w.auditRecords()).at(-1)?.state).toBe('running');
    expect((await readAudit(w.audit.file, { status: 'unfinished' })).records.map((x) => x.argv)).toEqual([
      ['sleep', '1.5'],
    ]);
    await pending;
    expect((await w.auditRecords()).at(-1)).toMatchObject({ state: 'done', exitCode: 0 });
  });

  it('a Paddock killed with SIGKILL mid-command leaves the start record: "no outcome recorded"', async () => {
    const auditFile = path.join(w.dir, 'crash', 'audit.jsonl');
    await mkdir(path.dirname(auditFile), { recursive: true });
    const pidFile = path.join(w.dir, 'crash', 'remote.pid');
    const args = {
      worldDir: w.dir,
      auditFile,
      passphrase: VAULT_PASSPHRASE,
      host: host.host,
      port: host.port,
      argv: ['sh', '-c', `echo $$ > ${pidFile}; exec sleep 30`],
    };
    const child = spawn(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        path.join(import.meta.dirname, 'audit-crash-child.ts'),
        JSON.stringify(args),
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, s) => resolve(s)));
    let remotePid = 0;
    try {
      // The remote command is running: it wrote its pid.
      await waitFor('the remote command to start', 60_000, async () => {
        remotePid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
        return remotePid > 0;
      }).catch((e: unknown) => {
        throw new Error(`${String(e)}; the child said: ${output}`);
      });
      const lines = await w.auditLines(auditFile);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ phase: 'start', kind: 'exec', argv: args.argv, exitCode: null });

      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(output).not.toContain('finished');

      const after = await w.auditLines(auditFile);
      expect(after).toEqual(lines);
      const page = await readAudit(auditFile);
      expect(page.records).toHaveLength(1);
      expect(page.records[0]).toMatchObject({
        id: lines[0]?.id,
        state: 'no-outcome',
        host: 'crash-host',
        argv: args.argv,
      });
      expect((await readAudit(auditFile, { status: 'unfinished' })).records).toHaveLength(1);
      expect((await readAudit(auditFile, { status: 'done' })).records).toHaveLength(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      // The remote sleep was started by this test: end it.
      if (remotePid > 0) {
        try {
          process.kill(remotePid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }, 120_000);
});
