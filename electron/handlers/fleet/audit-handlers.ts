// audit.query: the audit log, filtered and newest first, for the Audit view.
import type { ServiceImpl } from '../app-handlers';
import { readAudit } from '../../../core/audit/audit-reader';
import { coreCall } from './fleet-errors';
import type { FleetContext } from './fleet-context';
import { auditRowView } from './views';

export function auditHandlers(f: FleetContext): Pick<ServiceImpl, 'audit.query'> {
  return {
    'audit.query': async ({ domain, host, text, since, until, status, limit }) => {
      const core = await f.core();
      const page = await coreCall(() =>
        readAudit(core.paths.auditLog, {
          ...(domain !== undefined ? { domain } : {}),
          ...(host !== undefined && host !== '' ? { host } : {}),
          ...(text !== undefined && text !== '' ? { text } : {}),
          ...(since !== undefined ? { from: since } : {}),
          ...(until !== undefined ? { to: until } : {}),
          ...(status !== undefined ? { status } : {}),
          ...(limit !== undefined ? { limit } : {}),
        }),
      );
      return {
        records: page.records.map(auditRowView),
        truncated: page.truncated,
        malformedLines: page.malformedLines,
      };
    },
  };
}
