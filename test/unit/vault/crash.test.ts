// A crash at any moment of a save leaves the previous vault readable: a child process saves in a
// loop and is killed with SIGKILL at random moments, then the vault must open every time.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainVault } from '../../../core/vault/domain-vault';

const PASS = 'crash test passphrase';
const CHILD = path.join(import.meta.dirname, 'crash-child.ts');
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paddock-crash-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function runAndKill(
  mode: 'save' | 'write',
  file: string,
  killAfterMs: number,
): Promise<{ saves: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, file, 'crashy', PASS], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL')
        return reject(new Error(`child ended without being killed: ${err.slice(0, 2000)}`));
      resolve({ saves: out.split('\n').filter((l) => l.startsWith('saved')).length, signal });
    });
  });
}

describe('kill -9 during save', () => {
  it('leaves a vault that still opens, every time', { timeout: 600_000 }, async () => {
    const file = path.join(dir, 'crashy.vault');
    const v = new DomainVault('crashy', file);
    await v.create(PASS);
    await v.addPassword({ name: 'original', password: 'must survive' });
    v.lock();
    let previous = 1;
    let totalSaves = 0;
    let tornWrites = 0;
    // Full saves (kill anywhere: scrypt, seal, write), then bare writes (kill inside the write).
    const rounds = [...Array<'save'>(3).fill('save'), ...Array<'write'>(9).fill('write')];
    for (const mode of rounds) {
      const before = (await readdir(dir)).filter((f) => f.endsWith('.tmp')).length;
      const { saves } = await runAndKill(
        mode,
        file,
        Math.floor(Math.random() * (mode === 'save' ? 2500 : 400)),
      );
      totalSaves += saves;
      const after = (await readdir(dir)).filter((f) => f.endsWith('.tmp')).length;
      if (after > before) tornWrites++;
      const check = new DomainVault('crashy', file);
      await check.unlock(PASS);
      const names = check.list().map((c) => c.name);
      expect(names[0]).toBe('original');
      const pw = check.resolveSecret('original');
      expect(pw.kind === 'password' && pw.password.toString()).toBe('must survive');
      // Either the old vault or a newer one, never a torn one.
      if (mode === 'save') {
        expect(names.length).toBeGreaterThanOrEqual(previous);
        previous = names.length;
      }
      check.lock();
    }
    console.log(
      `crash test: ${rounds.length} kills, ${totalSaves} completed writes, ${tornWrites} kills inside a write`,
    );
    // The kills must have interrupted writes in progress (each leaves its temporary file behind).
    expect(tornWrites).toBeGreaterThan(0);
  });
});
