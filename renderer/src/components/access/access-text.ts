// How an access-monitoring status reads: a short badge and a sentence for its tooltip.
import type { AccessStatusView } from '../../../../core/ipc/contract';
import { formatInstant } from '../../view-model/format';
import type { BadgeTone } from '../common/Badge';

const when = (iso: string | null): string => (iso ? formatInstant(iso) : 'never');

export function accessBadge(s: AccessStatusView): { text: string; tone: BadgeTone } | null {
  switch (s.state) {
    case 'ok':
      return { text: 'login ok', tone: 'ok' };
    case 'failing':
      return { text: 'login failing', tone: 'danger' };
    case 'skipped':
      return { text: 'not checked', tone: 'neutral' };
    default:
      return null;
  }
}

export function accessSummary(s: AccessStatusView): string {
  const lines = [`Last successful login: ${when(s.lastSuccessAt)}`];
  if (s.lastCheckAt) lines.push(`Last check: ${when(s.lastCheckAt)}`);
  if (s.lastFailure) {
    const why = s.state === 'skipped' ? 'Not checked' : 'Last failure';
    lines.push(`${why} (${when(s.lastFailure.at)}): ${s.lastFailure.reason}`);
  }
  if (s.consecutiveFailures > 1) lines.push(`${s.consecutiveFailures} failures in a row`);
  return lines.join('\n');
}
