// "updated 3 s ago": how old a host's data is, for the UI.

export function formatAge(refreshedAt: number | null, now: number): string {
  if (refreshedAt === null) return 'never updated';
  const s = Math.max(0, Math.round((now - refreshedAt) / 1000));
  if (s < 60) return `updated ${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `updated ${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `updated ${h} h ago`;
  return `updated ${Math.floor(h / 24)} days ago`;
}
