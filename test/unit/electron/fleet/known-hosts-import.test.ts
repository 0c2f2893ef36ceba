// knownHosts.importOpenSsh without text reads the user's ~/.ssh/known_hosts (here the test's home
// folder) through core's one bounded reader: the domain's containers are imported, and a missing
// file is a clear error naming it rather than an empty import.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Fingerprint } from '../../../../core/ssh/fingerprint';
import type { FleetSetup } from './fleet-setup';
import { fleetSetup } from './fleet-setup';
import { ed25519Pair } from '../../../fixtures/ssh-keys';

const MGMT_PORT = 2201;
let t: FleetSetup;
beforeEach(async () => {
  t = await fleetSetup({ ports: { mgmt: MGMT_PORT, teach: 2202 } });
});
afterEach(() => t.dispose());

describe('knownHosts.importOpenSsh from the user known_hosts file', () => {
  it('imports the keys of the domain containers, and names a missing file', async () => {
    const file = path.join(t.dir, '.ssh', 'known_hosts');
    const missing = await t.fail('knownHosts.importOpenSsh', { domain: 'mgmt' });
    expect(missing).toEqual({ code: 'not-found', message: `There is no ${file} to import from` });

    const [type = '', b64 = ''] = ed25519Pair().public.split(' ');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `[127.0.0.1]:${MGMT_PORT} ${type} ${b64}\nunrelated.example ${type} ${b64}\n`);
    const report = await t.ok('knownHosts.importOpenSsh', { domain: 'mgmt' });
    expect(report.imported).toHaveLength(1);
    const known = await t.ok('knownHosts.list', { domain: 'mgmt' });
    expect(known).toEqual([
      expect.objectContaining({
        host: '127.0.0.1',
        port: MGMT_PORT,
        fingerprint: sha256Fingerprint(Buffer.from(b64, 'base64')),
      }),
    ]);
  });
});
