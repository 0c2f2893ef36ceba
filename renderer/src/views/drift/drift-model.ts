// The drift report as the view shows it: items ordered by how much they matter, labels for
// their kinds, a selection that survives refreshes (only items still present and acceptable),
// and a unified diff split into typed lines with their numbers.
import type { DriftItemView, DriftKindView } from '../../../../core/ipc/contract';

export const KIND_LABEL: Readonly<Record<DriftKindView, string>> = {
  moved: 'Moved',
  'unknown-vm': 'Not in the site',
  missing: 'Missing',
  duplicate: 'On two hosts',
  'wrong-domain': 'Wrong domain',
  state: 'State',
  vcpus: 'vCPUs',
  memory: 'Memory',
  nics: 'NICs',
  disks: 'Disks',
};

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Errors first, then warnings, then information; by VM name within each. */
export function orderItems(items: readonly DriftItemView[]): DriftItemView[] {
  return [...items].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.vm.localeCompare(b.vm) ||
      a.kind.localeCompare(b.kind),
  );
}

export const acceptable = (i: DriftItemView): boolean => i.fixes.length > 0;

/** The selected ids that are still in the report and can still be accepted, in report order. */
export function pruneSelection(selected: readonly string[], items: readonly DriftItemView[]): string[] {
  const want = new Set(selected);
  return items.filter((i) => want.has(i.id) && acceptable(i)).map((i) => i.id);
}

export function toggle(selected: readonly string[], id: string): string[] {
  return selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id];
}

export interface DiffLine {
  kind: 'file' | 'hunk' | 'add' | 'del' | 'context' | 'note';
  text: string;
  /** Line numbers in the old and new file (context lines have both). */
  oldLine: number | null;
  newLine: number | null;
}

/** A unified diff (as `diff` writes it) as typed lines. Unknown lines are kept as notes. */
export function parseUnifiedDiff(diff: string): DiffLine[] {
  const out: DiffLine[] = [];
  let oldNo = 0;
  let newNo = 0;
  let inHunk = false;
  const lines = diff.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const text of lines) {
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
      inHunk = true;
      out.push({ kind: 'hunk', text, oldLine: null, newLine: null });
    } else if (!inHunk && /^(Index: |={10,}|--- |\+\+\+ )/.test(text)) {
      out.push({ kind: 'file', text, oldLine: null, newLine: null });
    } else if (inHunk && text.startsWith('+')) {
      out.push({ kind: 'add', text: text.slice(1), oldLine: null, newLine: newNo++ });
    } else if (inHunk && text.startsWith('-')) {
      out.push({ kind: 'del', text: text.slice(1), oldLine: oldNo++, newLine: null });
    } else if (inHunk && text.startsWith(' ')) {
      out.push({ kind: 'context', text: text.slice(1), oldLine: oldNo++, newLine: newNo++ });
    } else {
      out.push({ kind: 'note', text, oldLine: null, newLine: null });
    }
  }
  return out;
}

/** "+3 −2": what the diff adds and removes. */
export function diffStat(lines: readonly DiffLine[]): { added: number; removed: number } {
  return {
    added: lines.filter((l) => l.kind === 'add').length,
    removed: lines.filter((l) => l.kind === 'del').length,
  };
}
