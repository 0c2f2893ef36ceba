// Child process for crash.test.ts, killed with SIGKILL by its parent at a random moment.
//   save MODE: unlock the vault and save it over and over (the full path: scrypt, seal, write).
//   write MODE: write two pre-sealed versions of the vault alternately with the same atomic
//   write a save ends with, so that the kill lands inside the write itself.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../../core/storage/atomic-file';
import { DomainVault } from '../../../core/vault/domain-vault';

const [mode, file, domain, passphrase] = process.argv.slice(2);
if (!mode || !file || !domain || !passphrase)
  throw new Error('usage: crash-child save|write FILE DOMAIN PASSPHRASE');
const v = new DomainVault(domain, file);
await v.unlock(passphrase);
const filler = 'x'.repeat(512 * 1024);
if (mode === 'save') {
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    await v.addPassword({ name: `p${process.pid}-${i}`, password: `${i}:${filler}` });
    process.stdout.write(`saved ${i}\n`);
  }
} else {
  if (v.list().some((c) => c.name === 'big')) await v.remove('big');
  const a = await readFile(file);
  await v.addPassword({ name: 'big', password: filler.repeat(6) });
  const b = await readFile(file);
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    await writeFileAtomic(file, i % 2 ? a : b);
    process.stdout.write(`saved ${i}\n`);
  }
}
