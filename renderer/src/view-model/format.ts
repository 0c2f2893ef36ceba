// Number and time formatting shared by cards, bars, the details panel and the views.

/** 512 -> "512 MiB", 4096 -> "4 GiB", 1536 -> "1.5 GiB", 3145728 -> "3 TiB". */
export function formatMiB(mib: number): string {
  if (!Number.isFinite(mib)) return '?';
  const abs = Math.abs(mib);
  if (abs >= 1024 * 1024) return `${trim(mib / (1024 * 1024))} TiB`;
  if (abs >= 1024) return `${trim(mib / 1024)} GiB`;
  return `${trim(mib)} MiB`;
}

/** 1500 -> "1.5 TiB", 40 -> "40 GiB". */
export function formatGiB(gib: number): string {
  return formatMiB(gib * 1024);
}

/** Percent of a ratio, rounded: 0.456 -> "46%". Infinite/NaN ratios (no capacity) -> "—". */
export function formatPercent(ratio: number): string {
  return Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : '—';
}

/** Up to one decimal, no trailing ".0". */
function trim(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** An instant (ISO text from main) as a local date and time; text that is not a time stays as
 * it is, so a malformed value is shown rather than "Invalid Date". */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
