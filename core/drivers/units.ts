// Sizes as hypervisor tools print them ("98304 KiB", "12.345 MiB", unit='KiB'), to bytes/MiB.
// libvirt's rule: KB, MB, GB are powers of 1000; k, KiB, M, MiB... powers of 1024.

const FACTORS: Readonly<Record<string, number>> = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1e3,
  k: 1024,
  kib: 1024,
  mb: 1e6,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1e9,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  tb: 1e12,
  t: 1024 ** 4,
  tib: 1024 ** 4,
};

/** Bytes for a number and a unit (case-insensitive, except libvirt's KB=1000 rule is kept by
 * lower-casing "KB" to "kb" and "k" to "k"). Undefined for an unknown unit or a bad number. */
export function toBytes(value: string | number, unit = 'b'): number | undefined {
  const n = typeof value === 'number' ? value : /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  const f = FACTORS[unit.trim().toLowerCase()];
  if (!Number.isFinite(n) || n < 0 || f === undefined) return undefined;
  const bytes = n * f;
  return Number.isFinite(bytes) && bytes <= Number.MAX_SAFE_INTEGER ? bytes : undefined;
}

/** "98304 KiB" -> bytes. */
export function parseSizeText(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)?\s*$/.exec(text);
  if (!m?.[1]) return undefined;
  return toBytes(m[1], m[2] ?? 'b');
}

export const bytesToMiB = (bytes: number): number => Math.round((bytes / (1024 * 1024)) * 100) / 100;
