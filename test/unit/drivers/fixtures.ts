// Reads recorded outputs (test/fixtures/recorded): real virsh from the lab, real xl from
// published transcripts; see the README in each folder for where every file comes from.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'recorded');

export const virshFixture = (name: string): string => readFileSync(path.join(ROOT, 'virsh', name), 'utf8');
export const xlFixture = (name: string): string => readFileSync(path.join(ROOT, 'xl', name), 'utf8');
