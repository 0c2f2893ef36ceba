// Records real virsh outputs from the running lab into test/fixtures/recorded/virsh/, for the
// driver's parser tests: `npx tsx test/lab/record-virsh.ts` (after `npm run lab`).
// It stops one guest (to record an inactive domain) and migrates one live (to catch
// `domjobinfo` mid-migration), then puts both back.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_OPTIONS, REPO_ROOT } from './config';
import { inHost, run, sleep, tryRun } from './exec';
import { virshMigrateArgs } from './migrate';
import { readState } from './state';

const OUT = path.join(REPO_ROOT, 'test', 'fixtures', 'recorded', 'virsh');

async function main(): Promise<void> {
  const st = await readState(DEFAULT_OPTIONS.stateDir);
  const [h1, h2] = st?.hosts ?? [];
  if (!st?.ready || !h1?.anchorPid || !h2?.anchorPid) throw new Error('start the lab first (npm run lab)');
  mkdirSync(OUT, { recursive: true });
  const virsh = (anchor: number, ...args: string[]): string[] =>
    inHost(anchor, ['virsh', '-c', 'qemu:///system', ...args]);
  const save = async (file: string, argv: string[]): Promise<void> => {
    writeFileSync(path.join(OUT, file), await run(argv));
    console.log('recorded', file);
  };
  const a = h1.anchorPid;
  const migrateArgv = (from: number, to: string): string[] =>
    virsh(from, ...virshMigrateArgs('research-vm1', to));
  await save('list-all.txt', virsh(a, 'list', '--all'));
  await save('list-all-name.txt', virsh(a, 'list', '--all', '--name'));
  await save('nodeinfo.txt', virsh(a, 'nodeinfo'));
  await save('dominfo-running.txt', virsh(a, 'dominfo', '--domain', 'research-vm1'));
  await save('dumpxml-running.xml', virsh(a, 'dumpxml', '--domain', 'research-vm1'));
  await save('domjobinfo-none.txt', virsh(a, 'domjobinfo', '--domain', 'research-vm1'));
  await save('domstate-running.txt', virsh(a, 'domstate', '--domain', 'research-vm1'));
  await run(virsh(a, 'destroy', '--domain', 'research-vm2'));
  await save('list-all-one-off.txt', virsh(a, 'list', '--all'));
  await save('dominfo-shutoff.txt', virsh(a, 'dominfo', '--domain', 'research-vm2'));
  await save('dumpxml-shutoff.xml', virsh(a, 'dumpxml', '--domain', 'research-vm2'));
  await save('domstats.txt', virsh(a, 'domstats', '--raw', '--state', '--vcpu', '--balloon'));
  await save('domstate-shutoff.txt', virsh(a, 'domstate', '--domain', 'research-vm2'));
  await run(virsh(a, 'start', '--domain', 'research-vm2'));

  // A migration, with domjobinfo sampled while it runs.
  const dest = h2.address;
  const migrating = tryRun(migrateArgv(a, dest), { timeoutMs: 120_000 });
  let sampled = false;
  for (let i = 0; i < 100 && !sampled; i++) {
    await sleep(100);
    const job = await tryRun(virsh(a, 'domjobinfo', '--domain', 'research-vm1'));
    if (job.code === 0 && /Job type:\s+Unbounded/.test(job.stdout) && /Data processed/.test(job.stdout)) {
      writeFileSync(path.join(OUT, 'domjobinfo-migrating.txt'), job.stdout);
      console.log('recorded domjobinfo-migrating.txt');
      sampled = true;
    }
  }
  const m = await migrating;
  if (m.code !== 0) throw new Error(`migration failed: ${m.stderr}`);
  await save(
    'domjobinfo-completed.txt',
    virsh(h2.anchorPid, 'domjobinfo', '--domain', 'research-vm1', '--completed'),
  );
  await run(migrateArgv(h2.anchorPid, h1.address), { timeoutMs: 120_000 });
  await save('virsh-version.txt', virsh(a, 'version'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
