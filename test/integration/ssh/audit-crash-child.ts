// A Paddock stand-in for the crash test (audit-write-ahead.test.ts): it opens the test world's
// vault and known hosts, its own audit log, and runs one long command through the real pool;
// the test kills it with SIGKILL mid-command. Usage: tsx audit-crash-child.ts '<json>'.
import path from 'node:path';
import { AuditLog } from '../../../core/audit/audit-log';
import { KnownHostsStore } from '../../../core/ssh/known-hosts';
import { SshPool } from '../../../core/ssh/pool';
import { domainFile } from '../../../core/vault/domain-files';
import { VaultManager } from '../../../core/vault/vault-manager';

interface Args {
  worldDir: string;
  auditFile: string;
  passphrase: string;
  host: string;
  port: number;
  argv: string[];
}

const a = JSON.parse(process.argv[2] ?? '{}') as Args;
const vaults = new VaultManager({ dir: path.join(a.worldDir, 'vaults') });
await vaults.init();
await vaults.vault('mgmt').unlock(a.passphrase);
const audit = await AuditLog.open(a.auditFile);
const pool = new SshPool({
  audit,
  knownHosts: (d) => new KnownHostsStore(domainFile(path.join(a.worldDir, 'known-hosts'), d, '.json'), d),
  prompt: null,
  connectTimeoutMs: 20_000,
  commandTimeoutMs: 120_000,
});
const r = await pool.run(
  { domain: 'mgmt', name: 'crash-host', host: a.host, port: a.port, user: 'root' },
  vaults.vault('mgmt').handle('k'),
  { argv: a.argv },
);
// Only reached if nobody killed us.
console.log(JSON.stringify({ finished: r.code }));
pool.shutdown();
await audit.close();
