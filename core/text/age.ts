// "updated 3 s ago": how old a host's data is, in the words the UI uses. Pure, so core (which
// keeps times in ms) and the renderer (which is sent ISO strings) say it the same way.

/** The age of data read at `thenMs`, as seen at `nowMs` (a future time counts as 0 s). */
export function updatedAgo(thenMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (s < 60) return `updated ${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `updated ${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `updated ${h} h ago`;
  return `updated ${Math.floor(h / 24)} days ago`;
}
