// Accepting drift into the site file. The file is a person's work: comments, key order, flow
// styles and spacing must survive. So the edit is surgical: the yaml parser locates each value
// (node ranges in the source) and only those characters are replaced; a missing key is
// inserted as one line; a new VM is appended in the file's own layout. The result must load
// with no new errors and must read back as the accepted values, or nothing is returned.
// Pure: writing the file is save.ts.
import { createTwoFilesPatch } from 'diff';
import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Nic, Vm } from '../model/types';
import { loadSite } from '../site';
import type { DriftFix } from './types';

export interface AppliedDrift {
  text: string;
  /** Unified diff of the site file, old -> new. */
  diff: string;
  applied: DriftFix[];
}

export class DriftApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DriftApplyError';
  }
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const GIB = 1024;
/** Names, states, numbers and IPv4 addresses are safe as plain scalars; MACs are quoted the
 * way the example site does (a YAML 1.1 reader would take 00:16:... for a number). */
const plain = (v: string | number | null): string => (v === null ? 'null' : String(v));
const flowNic = (n: Nic): string =>
  `{ network: ${n.network}${n.ip ? `, ip: ${n.ip}` : ''}${n.mac ? `, mac: '${n.mac}'` : ''} }`;
const flowList = (items: readonly string[]): string => `[${items.join(', ')}]`;

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Block collections' ranges end after their last newline: step back to the last character. */
function contentEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text.charAt(e - 1))) e--;
  return e;
}

function vmTextBlock(v: Vm, indent: string, note?: string): string {
  const i = `${indent}  `;
  const lines = [
    `${indent}# Added from live discovery${note ? `: ${note}` : ''}.`,
    `${indent}- name: ${v.name}`,
    `${i}domain: ${v.domain}`,
    `${i}vcpus: ${v.vcpus}`,
    `${i}memoryGiB: ${v.memoryMiB / GIB}`,
    `${i}disks: ${flowList(v.disks.map((d) => `{ ${d.name ? `name: ${d.name}, ` : ''}pool: ${d.pool}, sizeGiB: ${d.sizeGiB} }`))}`,
    `${i}nics: ${flowList(v.nics.map(flowNic))}`,
    `${i}container: ${plain(v.container)}`,
    `${i}state: ${v.state}`,
    `${i}tags: ${flowList(v.tags)}`,
  ];
  return lines.join('\n');
}

class SiteEditor {
  readonly edits: Edit[] = [];
  private readonly vms: YAMLSeq;

  constructor(
    private readonly text: string,
    private readonly fileName: string,
  ) {
    const doc = parseDocument(text, { prettyErrors: false });
    if (doc.errors.length) this.fail(`cannot edit a file with YAML errors (${doc.errors[0]?.message ?? ''})`);
    const vms = doc.get('vms', true);
    if (!isSeq(vms)) this.fail('"vms" is not a list');
    this.vms = vms as YAMLSeq;
  }

  fail(why: string): never {
    throw new DriftApplyError(`${this.fileName}: ${why}`);
  }

  private vm(name: string): YAMLMap {
    const node = this.vms.items.find((it) => isMap(it) && String((it as YAMLMap).get('name')) === name);
    if (!node) this.fail(`VM ${name} is not in the file`);
    return node as YAMLMap;
  }

  /** Replace a key's value, or insert the key as a new line of the VM's map. */
  set(vmName: string, key: string, valueText: string): void {
    const map = this.vm(vmName);
    const pair = map.items.find((p: Pair) => isScalar(p.key) && p.key.value === key);
    const range = (pair?.value as { range?: [number, number, number] } | null)?.range;
    if (pair && range) {
      this.edits.push({ start: range[0], end: range[1], text: valueText });
      return;
    }
    const last = map.items[map.items.length - 1];
    const lastRange =
      (last?.value as { range?: [number, number, number] } | null)?.range ??
      (last?.key as { range?: [number, number, number] } | null)?.range;
    const firstKey = (map.items[0]?.key as { range?: [number, number, number] } | undefined)?.range;
    if (!lastRange || !firstKey) this.fail(`cannot find where to add ${key} to VM ${vmName}`);
    const at = contentEnd(this.text, lastRange[1]);
    if (map.flow) {
      this.edits.push({ start: at, end: at, text: `, ${key}: ${valueText}` });
      return;
    }
    const indent = ' '.repeat(firstKey[0] - lineStart(this.text, firstKey[0]));
    this.edits.push({ start: at, end: at, text: `\n${indent}${key}: ${valueText}` });
  }

  addVm(vm: Vm, note?: string): void {
    if (this.vms.items.some((it) => isMap(it) && String((it as YAMLMap).get('name')) === vm.name)) {
      this.fail(`VM ${vm.name} is already in the file`);
    }
    const last = this.vms.items[this.vms.items.length - 1] as
      { range?: [number, number, number] } | undefined;
    const seqRange = (this.vms as { range?: [number, number, number] }).range;
    if (this.vms.flow || !last?.range || !seqRange) {
      this.fail(
        'new VMs can only be appended to a block-style "vms" list with at least one VM; add it by hand',
      );
    }
    const itemStart = last.range[0];
    const dash = this.text.lastIndexOf('-', itemStart);
    const indent = ' '.repeat(dash - lineStart(this.text, dash));
    const at = contentEnd(this.text, last.range[1]);
    this.edits.push({ start: at, end: at, text: `\n${vmTextBlock(vm, indent, note)}` });
  }

  result(): string {
    let out = this.text;
    const sorted = [...this.edits].sort((a, b) => b.start - a.start);
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1] as Edit;
      const cur = sorted[k] as Edit;
      if (cur.end > prev.start) this.fail('two accepted changes touch the same value');
    }
    for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  }
}

/** What the accepted fixes should read back as, checked on the edited file. */
function readsBack(
  fixes: readonly DriftFix[],
  site: NonNullable<ReturnType<typeof loadSite>['site']>,
): string | null {
  for (const f of fixes) {
    const name = f.op === 'add-vm' ? f.vm.name : f.vm;
    const vm = site.vms.find((v) => v.name === name);
    if (!vm) return `VM ${name} is not in the result`;
    const ok =
      (f.op === 'set-container' && vm.container === f.container) ||
      (f.op === 'set-state' && vm.state === f.state) ||
      (f.op === 'set-vcpus' && vm.vcpus === f.vcpus) ||
      (f.op === 'set-memory' && Math.abs(vm.memoryMiB - f.memoryMiB) < 0.5) ||
      (f.op === 'set-nics' && JSON.stringify(vm.nics) === JSON.stringify(f.nics)) ||
      (f.op === 'add-vm' && vm.domain === f.vm.domain && vm.container === f.vm.container);
    if (!ok) return `${f.op} on ${name} did not read back as accepted`;
  }
  return null;
}

/** The site file text with the fixes applied, and its diff. Throws DriftApplyError when the
 * file cannot be edited or the result would not load as cleanly as the original. */
export function applyDrift(text: string, fileName: string, fixes: readonly DriftFix[]): AppliedDrift {
  const ed: SiteEditor = new SiteEditor(text, fileName);
  for (const f of fixes) {
    switch (f.op) {
      case 'set-container':
        ed.set(f.vm, 'container', plain(f.container));
        break;
      case 'set-state':
        ed.set(f.vm, 'state', f.state);
        break;
      case 'set-vcpus':
        ed.set(f.vm, 'vcpus', plain(f.vcpus));
        break;
      case 'set-memory':
        ed.set(f.vm, 'memoryGiB', plain(f.memoryMiB / GIB));
        break;
      case 'set-nics':
        ed.set(f.vm, 'nics', flowList(f.nics.map(flowNic)));
        break;
      case 'add-vm':
        ed.addVm(f.vm, f.note);
        break;
    }
  }
  const out = ed.result();
  const before = loadSite(text, fileName).diagnostics.filter((d) => d.severity === 'error');
  const loaded = loadSite(out, fileName);
  const after = loaded.diagnostics.filter((d) => d.severity === 'error');
  const fresh = after.filter((a) => !before.some((b) => b.code === a.code && b.path === a.path));
  if (fresh.length || !loaded.site) {
    const first = fresh[0] ?? after[0];
    ed.fail(
      `accepting this drift would make the site invalid: ${first?.path ?? ''}: ${first?.message ?? 'it does not load'}`,
    );
  }
  const wrong = readsBack(fixes, loaded.site);
  if (wrong) ed.fail(wrong);
  return {
    text: out,
    diff: createTwoFilesPatch(fileName, fileName, text, out, 'site file', 'with live truth'),
    applied: [...fixes],
  };
}
