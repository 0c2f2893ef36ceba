// `paddock validate SITE [--json]`: every finding of the site loader, exit 0 when there is no
// error (warnings allowed), 1 when there is.
import { parseArgs } from 'node:util';
import { EXIT, usageError, type ExitCode } from './exit-codes';
import type { Io } from './io';
import { formatDiagnostic, hasErrors, readSite } from './site-input';
import { toJson } from './json';

export async function validateCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw usageError((e as Error).message);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file) throw usageError('validate: which site file? paddock validate SITE');
  if (extra.length) throw usageError(`validate: one site file at a time, got also "${extra[0]}"`);
  const r = await readSite(file);
  const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = r.diagnostics.length - errors;
  const valid = r.site !== null && !hasErrors(r.diagnostics);
  if (parsed.values.json) {
    io.out(toJson({ file, valid, errors, warnings, diagnostics: r.diagnostics }));
  } else {
    for (const d of r.diagnostics) io.out(formatDiagnostic(d));
    io.out(
      valid
        ? `${file}: valid (${warnings} warning(s)); ${r.site?.containers.length ?? 0} containers, ${r.site?.vms.length ?? 0} VMs`
        : `${file}: ${errors} error(s), ${warnings} warning(s)`,
    );
  }
  return valid ? EXIT.ok : EXIT.notOk;
}
