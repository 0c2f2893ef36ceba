// `virsh list --all` (with or without its header) and `virsh list --all --name`.
import { OutputError } from '../errors';
import { boundedField, boundedLines, MAX_DOMAINS } from '../limits';
import type { DomainListEntry } from '../types';
import { VIRSH_STATES, virshState } from './state';

const SOURCE = 'virsh list --all';
// The state is the last column and comes from a fixed set, so names with spaces still parse.
const STATE_WORDS = Object.keys(VIRSH_STATES)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(' ', '\\s+'))
  .join('|');
const ROW_RE = new RegExp(`^\\s*(\\d{1,10}|-)\\s+(\\S(?:.*\\S)?)\\s+(${STATE_WORDS})\\s*$`);

export function parseVirshList(text: string): DomainListEntry[] {
  const out: DomainListEntry[] = [];
  const seen = new Set<string>();
  boundedLines(SOURCE, text).forEach((line, i) => {
    if (!line.trim() || /^\s*Id\s+Name\s+State\s*$/.test(line) || /^\s*-{3,}\s*$/.test(line)) return;
    const m = ROW_RE.exec(line);
    if (!m?.[1] || !m[2] || !m[3]) {
      throw new OutputError(SOURCE, `not a domain row: ${JSON.stringify(line.slice(0, 80))}`, i + 1);
    }
    const name = boundedField(SOURCE, 'domain name', m[2], i + 1);
    if (seen.has(name)) throw new OutputError(SOURCE, `domain "${name.slice(0, 80)}" is listed twice`, i + 1);
    seen.add(name);
    const rawState = m[3].replace(/\s+/g, ' ');
    out.push({
      name,
      id: m[1] === '-' ? null : Number(m[1]),
      state: virshState(rawState) ?? 'unknown',
      rawState,
    });
    if (out.length > MAX_DOMAINS) throw new OutputError(SOURCE, `more than ${MAX_DOMAINS} domains`);
  });
  return out;
}

export function parseVirshNames(text: string): string[] {
  const source = 'virsh list --all --name';
  const names: string[] = [];
  boundedLines(source, text).forEach((line, i) => {
    const name = line.trim();
    if (!name) return;
    names.push(boundedField(source, 'domain name', name, i + 1));
    if (names.length > MAX_DOMAINS) throw new OutputError(source, `more than ${MAX_DOMAINS} domains`);
  });
  return names;
}

/** `virsh domstate NAME`: one state word (plus, with --reason, "(reason)"). */
export function parseDomstate(text: string): { state: ReturnType<typeof virshState>; rawState: string } {
  const source = 'virsh domstate';
  const first = boundedLines(source, text).find((l) => l.trim()) ?? '';
  const rawState = first
    .replace(/\(.*\)\s*$/, '')
    .trim()
    .replace(/\s+/g, ' ');
  const state = virshState(rawState);
  if (!state) throw new OutputError(source, `unknown state ${JSON.stringify(first.slice(0, 60))}`, 1);
  return { state, rawState };
}
