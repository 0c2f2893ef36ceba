// `npm run lab [-- start|stop|status] [--hosts N] [--guests M] [--memory MiB]`
// Starts the lab for people (it stays up until `npm run lab -- stop`), and says how to open it.
import { DEFAULT_OPTIONS, type LabOptions } from './config';
import { startLab } from './start';
import { labStatus } from './status';
import { teardown } from './teardown';
import type { LabState } from './state';

const USAGE = 'usage: npm run lab [-- start|stop|status] [--hosts N] [--guests M] [--memory MiB]';

function parseArgs(argv: string[]): { command: string; options: Partial<LabOptions> } {
  let command = 'start';
  const options: Partial<LabOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const num = (flag: string): number => {
      const v = argv[++i];
      const n = Number(v);
      if (v === undefined || !Number.isInteger(n)) throw new Error(`lab: ${flag} needs an integer\n${USAGE}`);
      return n;
    };
    if (a === '--hosts') options.hosts = num(a);
    else if (a === '--guests') options.guestsPerHost = num(a);
    else if (a === '--memory') options.guestMemoryMiB = num(a);
    else if (a === '-h' || a === '--help') command = 'help';
    else if (['start', 'stop', 'status'].includes(a)) command = a;
    else throw new Error(`lab: unknown argument "${a}"\n${USAGE}`);
  }
  return { command, options };
}

function howToOpen(st: LabState): string {
  const site = st.files?.site ?? '(missing)';
  return [
    '',
    `Lab is up (${st.hosts.length} hosts${st.startupMs ? `, started in ${(st.startupMs / 1000).toFixed(1)} s` : ''}).`,
    `  site file:   ${site}`,
    `  ssh key:     ${st.files?.key ?? '-'}   known_hosts: ${st.files?.knownHosts ?? '-'}`,
    ...(st.files?.vault
      ? [`  vault:       ${st.files.vault} (passphrase: ${st.files.vaultPassphrase ?? 'see docs/lab.md'})`]
      : []),
    '',
    'Open it:',
    `  npm start -- --site ${site}          (Electron)`,
    `  npm run serve -- --site ${site}      (browser, loopback transport)`,
    '',
    'Hosts:',
    ...st.hosts.map(
      (h) =>
        `  ${h.name.padEnd(8)} ${h.address.padEnd(13)} ssh -i ${st.files?.key ?? 'KEY'} -o UserKnownHostsFile=${st.files?.knownHosts ?? 'KNOWN'} root@${h.address}`,
    ),
    '',
    'Stop it: npm run lab -- stop',
  ].join('\n');
}

async function main(): Promise<number> {
  const { command, options } = parseArgs(process.argv.slice(2));
  const stateDir = options.stateDir ?? DEFAULT_OPTIONS.stateDir;
  if (command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'stop') {
    const r = await teardown(stateDir);
    for (const x of r.removed) console.log(`removed ${x}`);
    for (const p of r.problems) console.error(`problem: ${p}`);
    if (!r.removed.length && !r.problems.length) console.log('no lab recorded in', stateDir);
    return r.problems.length ? 1 : 0;
  }
  if (command === 'status') {
    const s = await labStatus(stateDir);
    if (!s.state) {
      console.log(`no lab (state folder ${stateDir}); guard route ${s.guardRoute ? 'present' : 'absent'}`);
      return 1;
    }
    console.log(
      `lab ${s.running ? 'running' : 'NOT healthy'}${s.state.persistent ? ' (started by npm run lab)' : ''}; holders: ${s.state.holders.join(', ') || 'none'}; guard route ${s.guardRoute ? 'present' : 'MISSING'}`,
    );
    for (const h of s.hosts) {
      const guests = Object.entries(h.guests)
        .map(([n, st]) => `${n}=${st}`)
        .join(' ');
      console.log(`  ${h.name} ${h.address} ${h.healthy ? 'ok' : `dead: ${h.dead.join(', ')}`} ${guests}`);
    }
    return s.running ? 0 : 1;
  }
  const st = await startLab({ ...options, persistent: true, log: (l) => console.error(`lab: ${l}`) });
  console.log(howToOpen(st));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
