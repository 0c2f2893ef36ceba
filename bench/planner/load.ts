// Read a benchmark file of any supported format into instances, by extension and content:
// .json = cloud balancing, .vbp = VPSolver vector packing, anything else = OR-Library binpack.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readFileBounded } from '../../core/storage/atomic-file';
import { fileErrorReason } from '../../core/storage/site-file';
import { parseCloudBalancing } from './cloudbalancing';
import { FormatError, type BenchInstance } from './instance';
import { parseOrLib } from './orlib';
import { parseVbp } from './vbp';

const MAX_FILE_BYTES = 256 * 1024 * 1024;

export async function loadInstances(file: string): Promise<BenchInstance[]> {
  let text: string;
  try {
    text = await readFileBounded(file, MAX_FILE_BYTES);
  } catch (e) {
    throw new FormatError(file, null, fileErrorReason(file, e));
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return [parseCloudBalancing(file, text)];
  if (ext === '.vbp') return parseVbp(file, text);
  return parseOrLib(file, text);
}

/** Every benchmark data file under dir (recursively), sorted; known.tsv and READMEs are not data. */
export function benchmarkFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...benchmarkFiles(full));
    else if (/\.(json|vbp|txt)$/i.test(name) && !/^readme/i.test(name)) out.push(full);
  }
  return out;
}
