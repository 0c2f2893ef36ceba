// Shape check of the plain value: version first (another version means another format, so
// nothing else is checked), then the top level, then every section element on its own. The
// valid elements go on to the cross-reference checks; the names of broken ones are kept so
// references to them are not reported a second time as "unknown".
import type { z } from 'zod';
import type { Finding } from './findings';
import { append, describeType } from './findings';
import { MAX_SECTION } from './limits';
import { issueFindings, valueAt } from './shape-messages';
import type { FileSiteInfo, SectionName } from './shape';
import { SECTION_NAMES, sectionSchemas, topSchema } from './shape';

export interface Indexed<T> {
  /** Position of the element in its section of the file. */
  index: number;
  item: T;
}

type SectionOutput<K extends SectionName> = z.output<(typeof sectionSchemas)[K]>;

export interface CheckedShape {
  siteInfo: FileSiteInfo | null;
  sections: { [K in SectionName]: Indexed<SectionOutput<K>>[] };
  /** Names of elements that failed their shape check, per section. */
  broken: Record<SectionName, Set<string>>;
  /** Sections that are not a usable list at all (wrong type, too long). */
  unusable: Set<SectionName>;
  findings: Finding[];
  /** Whether the version is one this loader reads (if not, nothing else was checked). */
  versionOk: boolean;
}

function empty(): CheckedShape {
  return {
    siteInfo: null,
    sections: Object.fromEntries(SECTION_NAMES.map((s) => [s, []])) as unknown as CheckedShape['sections'],
    broken: Object.fromEntries(SECTION_NAMES.map((s) => [s, new Set<string>()])) as Record<
      SectionName,
      Set<string>
    >,
    unusable: new Set(),
    findings: [],
    versionOk: false,
  };
}

function checkVersion(root: Record<string, unknown>, out: Finding[]): boolean {
  const version = valueAt(root, ['version']);
  if (version === 1) return true;
  if (version === undefined) {
    out.push({
      code: 'missing-version',
      severity: 'error',
      path: [],
      message: 'the file has no "version"; start it with "version: 1" so later formats can be told apart',
    });
  } else {
    out.push({
      code: 'unsupported-version',
      severity: 'error',
      path: ['version'],
      message: `version must be 1 (the only site file format this Paddock reads), not ${describeType(version)}`,
    });
  }
  return false;
}

function checkSection<K extends SectionName>(root: unknown, section: K, out: CheckedShape): void {
  const list = valueAt(root, [section]);
  if (list === undefined) return;
  if (!Array.isArray(list) || list.length > MAX_SECTION[section]) {
    out.unusable.add(section);
    return;
  }
  const schema = sectionSchemas[section];
  list.forEach((element: unknown, index) => {
    const r = schema.safeParse(element);
    if (r.success) {
      (out.sections[section] as Indexed<SectionOutput<K>>[]).push({
        index,
        item: r.data as SectionOutput<K>,
      });
      return;
    }
    for (const issue of r.error.issues)
      append(out.findings, issueFindings(issue, [section, index], root, schema));
    const name = valueAt(element, ['name']);
    if (typeof name === 'string') out.broken[section].add(name);
  });
}

export function checkShape(root: unknown): CheckedShape {
  const out = empty();
  if (root === null || root === undefined) {
    out.findings.push({
      code: 'empty-file',
      severity: 'error',
      path: [],
      message: 'the file is empty; a site file holds at least "version: 1" and "site: { name: ... }"',
    });
    return out;
  }
  if (typeof root !== 'object' || Array.isArray(root)) {
    out.findings.push({
      code: 'wrong-type',
      severity: 'error',
      path: [],
      message: `the file must be a mapping (version, site, domains, ...), not ${describeType(root)}`,
    });
    return out;
  }
  out.versionOk = checkVersion(root as Record<string, unknown>, out.findings);
  if (!out.versionOk) return out;

  const top = topSchema.safeParse(root);
  if (top.success) out.siteInfo = top.data.site;
  else for (const issue of top.error.issues) append(out.findings, issueFindings(issue, [], root, topSchema));
  for (const section of SECTION_NAMES) checkSection(root, section, out);
  return out;
}
