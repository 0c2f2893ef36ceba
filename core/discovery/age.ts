// "updated 3 s ago": how old a host's data is, for the UI (the wording is core/text's).
import { updatedAgo } from '../text/age';

export function formatAge(refreshedAt: number | null, now: number): string {
  return refreshedAt === null ? 'never updated' : updatedAgo(refreshedAt, now);
}
