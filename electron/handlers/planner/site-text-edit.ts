// A site file edited into a new version of itself, surgically: the file is a person's work, so
// comments, key order, spacing and flow styles of everything the plan does not touch survive.
// The yaml parser locates each list item and value (node ranges in the source) and only those
// characters change: a VM's container, a container's networks, an item removed, new items
// appended in block style at the end of their list. The result must load back as exactly the
// site asked for, or nothing is returned (SiteEditError says what could not be done).
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Diagnostic, Site } from '../../../core/model/types';
import { loadSite, siteToFileObject } from '../../../core/site';

export class SiteEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteEditError';
  }
}

/** The lists of named items a site file holds, in file order. */
const SECTIONS = ['domains', 'pools', 'networks', 'containers', 'images', 'vms', 'clusters', 'antiAffinity'];

interface Edit {
  start: number;
  end: number;
  text: string;
}
type Item = Record<string, unknown>;

const rangeOf = (n: unknown): [number, number] | null => {
  const r = (n as { range?: unknown } | null)?.range;
  return Array.isArray(r) && typeof r[0] === 'number' && typeof r[1] === 'number' ? [r[0], r[1]] : null;
};

const lineStart = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (text: string, at: number): number => {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl;
};
/** Block collections' ranges run past their last newline: back to the last character. */
function contentEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text.charAt(e - 1))) e--;
  return e;
}

/** Plain scalars another reader could take for a boolean, null or a number. */
const AMBIGUOUS = /^(?:true|false|null|~|yes|no|on|off|y|n)$|^[-+]?[.\d]/i;

/** A value as one line of YAML, in flow style for collections: `[a, b]`, `{ k: v }`. */
export function flowText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') {
    const plain = /^[A-Za-z0-9_./][A-Za-z0-9_./@:+-]*$/.test(v) && !AMBIGUOUS.test(v) && !v.endsWith(':');
    return plain ? v : JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(flowText).join(', ')}]`;
  const entries = Object.entries(v as Item).filter(([, x]) => x !== undefined);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, x]) => `${k}: ${flowText(x)}`).join(', ')} }`;
}

/** A new list item in block style, each key on its own line: `- name: x`, `  domain: y`. */
function blockItem(item: Item, indent: string): string {
  return Object.entries(item)
    .filter(([, x]) => x !== undefined)
    .map(([k, x], i) => `${indent}${i === 0 ? '- ' : '  '}${k}: ${flowText(x)}`)
    .join('\n');
}

/** Key order-insensitive JSON, without undefined values: equal models compare equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v as Item)
      .filter((k) => (v as Item)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Item)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

class Editor {
  readonly edits: Edit[] = [];
  readonly root: YAMLMap;

  constructor(
    readonly text: string,
    private readonly fileName: string,
  ) {
    const doc = parseDocument(text, { prettyErrors: false });
    if (doc.errors.length) this.fail(`cannot edit a file with YAML errors (${doc.errors[0]?.message ?? ''})`);
    if (!isMap(doc.contents)) this.fail('the file is not a YAML map of sections');
    this.root = doc.contents;
  }

  fail(why: string): never {
    throw new SiteEditError(`${this.fileName}: ${why}`);
  }

  pair(map: YAMLMap, key: string): Pair | undefined {
    return map.items.find((p) => isScalar(p.key) && p.key.value === key);
  }

  /** Replace everything after `key:` up to the end of its value. */
  replaceValue(p: Pair, text: string, what: string): void {
    const key = rangeOf(p.key);
    const value = rangeOf(p.value);
    if (!key || !value) this.fail(`cannot find ${what} in the file`);
    const colon = this.text.indexOf(':', key[1]);
    if (colon < 0 || colon > value[0]) this.fail(`cannot find the ":" of ${what}`);
    this.edits.push({ start: colon + 1, end: contentEnd(this.text, value[1]), text });
  }

  setKey(map: YAMLMap, key: string, value: unknown, what: string): void {
    const p = this.pair(map, key);
    if (value === undefined) {
      if (!p) return;
      if (map.flow) this.fail(`cannot remove ${key} from ${what}, written in flow style`);
      const k = rangeOf(p.key);
      const v = rangeOf(p.value) ?? k;
      if (!k || !v) this.fail(`cannot find ${key} of ${what}`);
      const end = lineEnd(this.text, contentEnd(this.text, v[1]));
      this.edits.push({
        start: lineStart(this.text, k[0]),
        end: Math.min(end + 1, this.text.length),
        text: '',
      });
      return;
    }
    if (p) {
      this.replaceValue(p, ` ${flowText(value)}`, `${key} of ${what}`);
      return;
    }
    const last = map.items[map.items.length - 1];
    const lastEnd = rangeOf(last?.value) ?? rangeOf(last?.key);
    const firstKey = rangeOf(map.items[0]?.key);
    if (!lastEnd || !firstKey) this.fail(`cannot find where to add ${key} to ${what}`);
    if (map.flow) {
      const at = contentEnd(this.text, lastEnd[1]);
      this.edits.push({ start: at, end: at, text: `, ${key}: ${flowText(value)}` });
      return;
    }
    const indent = ' '.repeat(firstKey[0] - lineStart(this.text, firstKey[0]));
    const at = lineEnd(this.text, contentEnd(this.text, lastEnd[1]));
    this.edits.push({ start: at, end: at, text: `\n${indent}${key}: ${flowText(value)}` });
  }

  removeItem(node: Node, what: string): void {
    const r = rangeOf(node);
    if (!r) this.fail(`cannot find ${what} in the file`);
    const dash = this.text.lastIndexOf('-', r[0]);
    if (dash < 0) this.fail(`cannot find the "-" of ${what}`);
    const end = lineEnd(this.text, contentEnd(this.text, r[1]));
    this.edits.push({
      start: lineStart(this.text, dash),
      end: Math.min(end + 1, this.text.length),
      text: '',
    });
  }

  /** New items at the end of a section (creating the section when the file has none). */
  append(section: string, seqPair: Pair | undefined, items: Item[]): void {
    if (items.length === 0) return;
    const seq = seqPair?.value;
    if (!seqPair || seq === null || seq === undefined) {
      const block = items.map((it) => blockItem(it, '  ')).join('\n');
      if (seqPair) this.replaceValue(seqPair, `\n${block}`, `section ${section}`);
      else {
        const end = contentEnd(this.text, this.text.length);
        this.edits.push({ start: end, end, text: `\n\n${section}:\n${block}` });
      }
      return;
    }
    if (!isSeq(seq)) this.fail(`"${section}" is not a list`);
    const s = seq as YAMLSeq;
    const last = s.items[s.items.length - 1];
    const lastRange = rangeOf(last);
    if (s.items.length === 0 || !lastRange) {
      this.replaceValue(
        seqPair,
        `\n${items.map((it) => blockItem(it, '  ')).join('\n')}`,
        `section ${section}`,
      );
      return;
    }
    if (s.flow)
      this.fail(`"${section}" is written in flow style ([...]): new items can only join a block list`);
    const dash = this.text.lastIndexOf('-', lastRange[0]);
    const indent = ' '.repeat(Math.max(0, dash - lineStart(this.text, dash)));
    const at = lineEnd(this.text, contentEnd(this.text, lastRange[1]));
    this.edits.push({ start: at, end: at, text: `\n${items.map((it) => blockItem(it, indent)).join('\n')}` });
  }

  result(): string {
    // From the end of the file backwards; edits at one point land in the order they were made.
    const sorted = this.edits
      .map((e, i) => ({ ...e, i }))
      .sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
    for (let k = 1; k < sorted.length; k++) {
      const later = sorted[k - 1] as Edit;
      const cur = sorted[k] as Edit;
      if (cur.end > later.start) this.fail('two changes touch the same part of the file');
    }
    // Pieces joined once: splicing the whole text per edit is quadratic for thousands of moves.
    const pieces: string[] = [];
    let at = this.text.length;
    for (const e of sorted) {
      pieces.push(this.text.slice(e.end, at), e.text);
      at = e.start;
    }
    pieces.push(this.text.slice(0, at));
    return pieces.reverse().join('');
  }
}

function nameOf(it: Item): string {
  return String(it.name);
}

function editSection(ed: Editor, section: string, from: Item[], to: Item[]): void {
  const seqPair = ed.pair(ed.root, section);
  const seq = seqPair?.value;
  const toNames = new Set(to.map(nameOf));
  const fromNames = new Set(from.map(nameOf));
  const common = to.filter((it) => fromNames.has(nameOf(it))).map(nameOf);
  const kept = from.filter((it) => toNames.has(nameOf(it))).map(nameOf);
  if (common.join('\0') !== kept.join('\0')) ed.fail(`the order of ${section} would change`);
  const added = to.filter((it) => !fromNames.has(nameOf(it)));
  const firstAdded = to.findIndex((it) => !fromNames.has(nameOf(it)));
  if (firstAdded >= 0 && to.slice(firstAdded).some((it) => fromNames.has(nameOf(it))))
    ed.fail(`new ${section} can only be added at the end of the list`);

  const nodes = new Map<string, YAMLMap>();
  if (isSeq(seq)) {
    for (const n of (seq as YAMLSeq).items) {
      if (isMap(n)) nodes.set(String(n.get('name')), n);
    }
  }
  const byName = new Map(to.map((it) => [nameOf(it), it]));
  for (const old of from) {
    const name = nameOf(old);
    const node = nodes.get(name);
    const next = byName.get(name);
    if (canonical(old) === canonical(next)) continue;
    const what = `${section} item ${name}`;
    if (!node) ed.fail(`${what} is not where the loader found it`);
    if (next === undefined) {
      ed.removeItem(node, what);
      continue;
    }
    for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
      if (canonical(old[key]) !== canonical(next[key])) ed.setKey(node, key, next[key], what);
    }
  }
  ed.append(section, seqPair, added);
}

export interface EditedSiteText {
  text: string;
  /** What loading `text` found (it reads back as `to`, yet may break a placement rule). */
  diagnostics: Diagnostic[];
}

/**
 * The text of `text` (which loads as `from`) edited so that it loads as `to`. Throws
 * SiteEditError when it cannot, or when the result would not read back as `to`.
 */
export function editSiteText(text: string, fileName: string, from: Site, to: Site): EditedSiteText {
  const ed = new Editor(text, fileName);
  const a = siteToFileObject(from);
  const b = siteToFileObject(to);
  for (const key of ['version', 'site']) {
    if (canonical(a[key]) !== canonical(b[key]))
      ed.fail(`the plan would change "${key}", which it never should`);
  }
  for (const section of SECTIONS) {
    editSection(ed, section, (a[section] ?? []) as Item[], (b[section] ?? []) as Item[]);
  }
  const out = ed.result();
  const loaded = loadSite(out, fileName);
  if (!loaded.site) {
    const first = loaded.diagnostics.find((d) => d.severity === 'error');
    ed.fail(
      `the edited file does not load (${first ? `${first.path}: ${first.message}` : 'unknown reason'})`,
    );
  }
  if (canonical(loaded.site) !== canonical(to))
    ed.fail('the edited file does not read back as the planned site');
  return { text: out, diagnostics: loaded.diagnostics };
}
