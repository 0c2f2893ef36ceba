// `virsh domstats --raw [--state --vcpu --balloon ...]`: one block per domain,
//   Domain: 'name'
//     state.state=1
//     vcpu.current=1
// The fields Paddock reads are picked out; the rest is kept raw.
import type { VmState } from '../../model/types';
import { OutputError } from '../errors';
import { boundedField, boundedLines, MAX_DOMAINS } from '../limits';
import { DOMSTATS_STATES } from './state';

const SOURCE = 'virsh domstats';

export interface DomStats {
  name: string;
  state: VmState;
  rawState: string;
  /** vcpu.current, when the vcpu group was asked for (running domains). */
  vcpus: number | null;
  /** balloon.current / balloon.maximum in KiB, when reported. */
  memoryKiB: number | null;
  maxMemoryKiB: number | null;
  fields: Record<string, string>;
}

function intField(fields: Record<string, string>, key: string, line: number): number | null {
  const v = fields[key];
  if (v === undefined) return null;
  if (!/^\d{1,15}$/.test(v))
    throw new OutputError(SOURCE, `${key} is not a whole number: ${JSON.stringify(v.slice(0, 40))}`, line);
  return Number(v);
}

export function parseDomstats(text: string): DomStats[] {
  const blocks: { name: string; fields: Record<string, string>; line: number }[] = [];
  boundedLines(SOURCE, text).forEach((line, i) => {
    if (!line.trim()) return;
    const head = /^Domain: '(.*)'\s*$/.exec(line);
    if (head) {
      blocks.push({
        name: boundedField(SOURCE, 'domain name', head[1] ?? '', i + 1),
        fields: Object.create(null) as Record<string, string>,
        line: i + 1,
      });
      if (blocks.length > MAX_DOMAINS) throw new OutputError(SOURCE, `more than ${MAX_DOMAINS} domains`);
      return;
    }
    const kv = /^\s+([A-Za-z0-9_.-]{1,128})=(.*)$/.exec(line);
    const current = blocks[blocks.length - 1];
    if (!kv?.[1] || !current)
      throw new OutputError(
        SOURCE,
        `expected "Domain: 'name'" or "  key=value", got ${JSON.stringify(line.slice(0, 80))}`,
        i + 1,
      );
    if (Object.prototype.hasOwnProperty.call(current.fields, kv[1]))
      throw new OutputError(SOURCE, `${kv[1]} appears twice for "${current.name}"`, i + 1);
    current.fields[kv[1]] = boundedField(SOURCE, kv[1], kv[2] ?? '', i + 1);
  });
  const seen = new Set<string>();
  return blocks.map((b) => {
    if (seen.has(b.name))
      throw new OutputError(SOURCE, `domain "${b.name.slice(0, 80)}" appears twice`, b.line);
    seen.add(b.name);
    const s = intField(b.fields, 'state.state', b.line);
    const known = s !== null ? DOMSTATS_STATES[s] : undefined;
    if (s !== null && !known)
      throw new OutputError(SOURCE, `unknown state.state ${s} for "${b.name.slice(0, 80)}"`, b.line);
    return {
      name: b.name,
      state: known?.[0] ?? 'unknown',
      rawState: known?.[1] ?? 'unknown',
      vcpus: intField(b.fields, 'vcpu.current', b.line),
      memoryKiB: intField(b.fields, 'balloon.current', b.line),
      maxMemoryKiB: intField(b.fields, 'balloon.maximum', b.line),
      fields: { ...b.fields },
    };
  });
}
