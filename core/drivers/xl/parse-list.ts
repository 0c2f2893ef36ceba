// `xl list` (the table): names, ids, memory, vCPUs and the six state letters. Rows are parsed
// from the right, where xl_info.c prints fixed numeric columns, so any name parses.
import type { VmState } from '../../model/types';
import { OutputError } from '../errors';
import { boundedField, boundedLines, MAX_DOMAINS } from '../limits';

const SOURCE = 'xl list';
const HEADER_RE = /^Name\s+ID\s+Mem\s+VCPUs\s+State\s+Time\(s\)/;
const ROW_RE =
  /^(\S(?:.*\S)?)\s+(\d{1,10})\s+(\d{1,15})\s+(\d{1,6})\s+([-rbpscwSd?]{6})\s+(\d{1,15}(?:\.\d)?)\s*$/;

export interface XlListEntry {
  name: string;
  domid: number;
  memoryMiB: number;
  vcpus: number;
  flags: string;
  state: VmState;
}

/** The state letters in Paddock's terms: r b p s <reason> d (see xl(1) "STATES"). */
export function xlState(flags: string): VmState {
  if (flags[5] === 'd') return 'unknown';
  if (flags[3] === 's') return flags[4] === 'c' ? 'crashed' : 'stopped';
  if (flags[2] === 'p') return 'paused';
  // r (on a CPU), b (blocked) and ------ (runnable, waiting for a CPU) are all running.
  return 'running';
}

export function parseXlList(text: string): XlListEntry[] {
  const out: XlListEntry[] = [];
  const ids = new Set<number>();
  let header = false;
  boundedLines(SOURCE, text).forEach((line, i) => {
    if (!line.trim()) return;
    if (HEADER_RE.test(line)) {
      header = true;
      return;
    }
    const m = ROW_RE.exec(line);
    if (!m?.[1] || !m[2] || !m[3] || !m[4] || !m[5]) {
      throw new OutputError(SOURCE, `not a domain row: ${JSON.stringify(line.slice(0, 80))}`, i + 1);
    }
    const domid = Number(m[2]);
    if (ids.has(domid)) throw new OutputError(SOURCE, `domain id ${domid} is listed twice`, i + 1);
    ids.add(domid);
    out.push({
      name: boundedField(SOURCE, 'domain name', m[1], i + 1),
      domid,
      memoryMiB: Number(m[3]),
      vcpus: Number(m[4]),
      flags: m[5],
      state: xlState(m[5]),
    });
    if (out.length > MAX_DOMAINS) throw new OutputError(SOURCE, `more than ${MAX_DOMAINS} domains`);
  });
  if (!header && out.length === 0 && text.trim())
    throw new OutputError(SOURCE, 'no "Name ID Mem VCPUs State Time(s)" header');
  return out;
}
