// startAudit: the start record is appended before anything may run, and the command counts as
// running in this process for as long as a reader could see its start without its end.
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../core/audit/record';
import { isRunning } from '../../../core/audit/running';
import { startAudit } from '../../../core/ssh/audit-entry';

const ctx = (append: (r: AuditRecord) => Promise<void>) => ({
  sink: { append },
  domain: 'mgmt',
  name: 'c1',
  address: '10.0.0.1:22',
  user: 'root',
});

describe('startAudit', () => {
  it('is running while its start is written and until its end is durable', async () => {
    const seen: [string | undefined, boolean][] = [];
    const c = ctx((r) => {
      seen.push([r.phase, isRunning(r.id ?? '')]);
      return Promise.resolve();
    });
    const cmd = await startAudit(c, 'exec', ['true'], Date.now());
    expect(isRunning(cmd.id)).toBe(true);
    await cmd.end({ result: { code: 0, stdout: '', stderr: '', durationMs: 1 } });
    await cmd.end({ result: { code: 0, stdout: '', stderr: '', durationMs: 1 } });
    expect(seen).toEqual([
      ['start', true],
      ['end', true],
    ]);
    expect(isRunning(cmd.id)).toBe(false);
  });

  it('fails closed with the reason, and leaves nothing marked running', async () => {
    let id = '';
    const c = ctx((r) => {
      id = r.id ?? '';
      return Promise.reject(new Error('ENOSPC: no space left on device'));
    });
    await expect(startAudit(c, 'exec', ['touch', 'x'], Date.now())).rejects.toMatchObject({
      code: 'audit-failed',
      failure: 'start',
      message: 'mgmt/c1: not run: the audit log could not be written: ENOSPC: no space left on device',
    });
    expect(id).not.toBe('');
    expect(isRunning(id)).toBe(false);
  });

  it('says the command ran when only its end cannot be written', async () => {
    let calls = 0;
    const c = ctx(() => (++calls === 1 ? Promise.resolve() : Promise.reject(new Error('EIO'))));
    const cmd = await startAudit(c, 'exec', ['true'], Date.now());
    await expect(cmd.end({ error: new Error('lost') })).rejects.toMatchObject({
      code: 'audit-failed',
      failure: 'end',
      message: expect.stringMatching(/the command ran but its outcome could not be recorded: .*EIO/),
    });
    expect(isRunning(cmd.id)).toBe(false);
  });
});
