// Reading the site file for the CLI: every finding printed as file:line:column, and a clear
// refusal when the file cannot be used.
import type { Diagnostic, Site } from '../model/types';
import { hasErrors } from '../site';
import { PLACEMENT_CODES } from '../site/placement-checks';
import { readSiteFile, SiteFileError } from '../storage/site-file';
import { CliError, EXIT } from './exit-codes';

export const formatDiagnostic = (d: Diagnostic): string =>
  `${d.file}:${d.line}:${d.column}: ${d.severity} [${d.code}]${d.path ? ` ${d.path}:` : ''} ${d.message}`;

export interface SiteInput {
  file: string;
  site: Site | null;
  diagnostics: Diagnostic[];
}

export async function readSite(file: string): Promise<SiteInput> {
  try {
    const r = await readSiteFile(file);
    return { file, site: r.site, diagnostics: r.diagnostics };
  } catch (e) {
    if (e instanceof SiteFileError) throw new CliError(EXIT.badSite, e.message);
    throw e;
  }
}

/** The site for planning, or a refusal listing the errors that must be fixed first. */
export async function siteForPlanning(file: string): Promise<{ site: Site; diagnostics: Diagnostic[] }> {
  const r = await readSite(file);
  const blocking = r.diagnostics.filter((d) => d.severity === 'error' && !PLACEMENT_CODES.has(d.code));
  if (!r.site || blocking.length) {
    const shown = (blocking.length ? blocking : r.diagnostics).slice(0, 20).map(formatDiagnostic);
    throw new CliError(
      EXIT.badSite,
      [
        `site file ${file} cannot be planned on until these errors are fixed (paddock validate lists all):`,
        ...shown,
      ].join('\n'),
    );
  }
  return { site: r.site, diagnostics: r.diagnostics };
}

export { hasErrors };
