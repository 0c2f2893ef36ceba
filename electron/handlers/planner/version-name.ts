// The name of a new version of a site file: beside it, "<stem>.plan-<date>T<hhmm>.yaml" (a plan
// applied to a version names its base stem again, not a chain of dates), with "-2", "-3"... when
// that name is taken. Nothing is ever overwritten.
import { access } from 'node:fs/promises';
import path from 'node:path';

const VERSION_SUFFIX = /\.plan-\d{4}-\d{2}-\d{2}T\d{4}(?:-\d+)?$/;

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-26T0830" in local time: what the user reads on their clock. */
export function versionStamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}${pad(d.getMinutes())}`;
}

/** The file name for the n-th try (1 = no number). */
export function versionFileName(base: string, when: Date, n = 1): string {
  const ext = path.extname(base);
  const stem = path.basename(base, ext).replace(VERSION_SUFFIX, '');
  return `${stem}.plan-${versionStamp(when)}${n > 1 ? `-${n}` : ''}${ext || '.yaml'}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** The first free version path beside `sitePath` (also avoiding names in `reserved`). */
export async function freeVersionPath(
  sitePath: string,
  when: Date,
  reserved: ReadonlySet<string> = new Set(),
): Promise<string> {
  const dir = path.dirname(sitePath);
  for (let n = 1; n < 1000; n++) {
    const candidate = path.join(dir, versionFileName(path.basename(sitePath), when, n));
    if (!reserved.has(candidate) && !(await exists(candidate))) return candidate;
  }
  throw new Error(`no free name for a new version of ${path.basename(sitePath)} in ${dir}`);
}
