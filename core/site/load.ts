// loadSite: site file text -> normalised Site plus every finding, each with file:line:column,
// JSON path, code and a sentence saying what is wrong and why. Pure: the same code runs in
// main and in the renderer. Bounded at every step (see ./limits.ts): no input crashes or hangs.
import type { Diagnostic, Site } from '../model/types';
import { checkShape } from './check-shape';
import type { CheckedShape } from './check-shape';
import { checkClusters } from './cluster-checks';
import { checkCrossRefs } from './cross-refs';
import { checkAddresses } from './address-checks';
import { toDiagnostics } from './diagnostics';
import type { Finding } from './findings';
import { append } from './findings';
import { MAX_FILE_BYTES } from './limits';
import {
  normaliseContainer,
  normaliseDomain,
  normaliseImage,
  normaliseNetwork,
  normalisePool,
  normaliseVm,
} from './normalise';
import type { Parts } from './parts';
import { RefIndex } from './parts';
import { checkPlacement } from './placement-checks';
import { parseYaml } from './yaml-source';
import { toPlain } from './yaml-values';

export interface LoadResult {
  /**
   * The normalised site when the file has the right shape (it may still have reference or
   * placement errors: check the diagnostics), or null when it could not be read as a site.
   */
  site: Site | null;
  /** Every finding, sorted by position. */
  diagnostics: Diagnostic[];
}

/** UTF-8 size without Buffer or TextEncoder (pure core), stopping once past the limit. */
export function utf8Length(text: string, stopAfter = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= stopAfter; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function toParts(shape: CheckedShape): Parts {
  const s = shape.sections;
  const userOf = new Map<string, string>();
  for (const { item } of s.domains) if (!userOf.has(item.name)) userOf.set(item.name, item.ssh.user);
  const map = <T, U>(list: { index: number; item: T }[], f: (t: T) => U) =>
    list.map(({ index, item }) => ({ index, item: f(item) }));
  return {
    site: shape.siteInfo ? { ...shape.siteInfo } : null,
    domains: map(s.domains, normaliseDomain),
    pools: map(s.pools, normalisePool),
    networks: map(s.networks, normaliseNetwork),
    containers: map(s.containers, (c) => normaliseContainer(c, userOf.get(c.domain))),
    images: map(s.images, normaliseImage),
    vms: map(s.vms, normaliseVm),
    clusters: map(s.clusters, (k) => ({ ...k, computes: [...k.computes], containers: [...k.containers] })),
    antiAffinity: map(s.antiAffinity, (g) => ({ ...g, vms: [...g.vms] })),
    broken: shape.broken,
    unusable: shape.unusable,
  };
}

export function loadSite(text: string, fileName: string): LoadResult {
  try {
    return loadUnguarded(text, fileName);
  } catch (e) {
    // Every input is meant to end in diagnostics; if a bug (ours or a library's) throws
    // anyway, the caller still gets an answer instead of a crash, and the fuzz tests fail.
    const d: Diagnostic = {
      file: fileName,
      line: 1,
      column: 1,
      path: '',
      code: 'internal-error',
      message: `the loader failed unexpectedly (${e instanceof Error ? e.message : String(e)}); please report this file`,
      severity: 'error',
    };
    return { site: null, diagnostics: [d] };
  }
}

function loadUnguarded(text: string, fileName: string): LoadResult {
  const size = utf8Length(text, MAX_FILE_BYTES);
  if (size > MAX_FILE_BYTES) {
    const d: Diagnostic = {
      file: fileName,
      line: 1,
      column: 1,
      path: '',
      code: 'file-too-large',
      message: `the file is larger than ${MAX_FILE_BYTES} bytes, the limit for a site file; it was not parsed`,
      severity: 'error',
    };
    return { site: null, diagnostics: [d] };
  }

  const parsed = parseYaml(text);
  const findings: Finding[] = [...parsed.findings];
  const done = (site: Site | null): LoadResult => ({
    site,
    diagnostics: toDiagnostics(findings, fileName, parsed.doc, parsed.lineCounter),
  });
  if (!parsed.doc || findings.some((f) => f.severity === 'error')) return done(null);

  const plain = toPlain(parsed.doc);
  append(findings, plain.findings);
  if (plain.value === undefined || plain.findings.length > 0) return done(null);

  const shape = checkShape(plain.value);
  append(findings, shape.findings);
  if (!shape.versionOk) return done(null);
  const shapeOk = shape.findings.length === 0 && shape.siteInfo !== null;

  const refs = new RefIndex(toParts(shape), findings);
  checkCrossRefs(refs);
  checkClusters(refs);
  checkAddresses(refs);
  checkPlacement(refs);
  return done(shapeOk ? refs.site() : null);
}

/** Whether any diagnostic is an error (warnings do not stop a site from being used). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
