// Findings -> Diagnostics: resolve each one to line:column, fill "{related}" references, sort
// by position (stable: at one position the first finding stays first), drop exact repeats and
// cap the count so a file with a million faults still gives a readable answer quickly.
import type { Document, LineCounter } from 'yaml';
import type { Diagnostic } from '../model/types';
import type { Finding } from './findings';
import { formatPath } from './findings';
import { MAX_DIAGNOSTICS } from './limits';
import { offsetOf, positionOf } from './yaml-positions';

export function toDiagnostics(
  findings: readonly Finding[],
  file: string,
  doc: Document.Parsed | null,
  lineCounter: LineCounter,
): Diagnostic[] {
  const offset = (f: Finding): number => f.offset ?? (doc ? offsetOf(doc, f.path, f.at) : 0);
  const out: Diagnostic[] = findings.map((f) => {
    const pos = positionOf(lineCounter, offset(f));
    let message = f.message;
    if (f.related && message.includes('{related}')) {
      const rel = doc ? positionOf(lineCounter, offsetOf(doc, f.related)) : pos;
      message = message.replace('{related}', `line ${rel.line}`);
    }
    return {
      file,
      line: pos.line,
      column: pos.column,
      path: formatPath(f.path),
      code: f.code,
      message,
      severity: f.severity,
    };
  });
  // Array.prototype.sort is stable, so equal positions keep the order the checks found them.
  out.sort((a, b) => a.line - b.line || a.column - b.column);
  const seen = new Set<string>();
  const unique = out.filter((d) => {
    const key = `${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length <= MAX_DIAGNOSTICS) return unique;
  const kept = unique.slice(0, MAX_DIAGNOSTICS);
  const last = kept[kept.length - 1];
  kept.push({
    file,
    line: last?.line ?? 1,
    column: last?.column ?? 1,
    path: '',
    code: 'too-many-diagnostics',
    message: `${unique.length - MAX_DIAGNOSTICS} more findings are not shown; fix these first`,
    severity: 'error',
  });
  return kept;
}
