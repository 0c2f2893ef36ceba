// monitor.*: admin-access monitoring (./monitor-service.ts) on request.
import type { ServiceImpl } from '../app-handlers';
import type { FleetContext } from './fleet-context';

type MonitorRequest = Extract<keyof ServiceImpl, `monitor.${string}`>;

export function monitorHandlers(f: FleetContext): Pick<ServiceImpl, MonitorRequest> {
  const monitor = async () => (await f.core()).monitor;
  return {
    'monitor.status': async () => (await monitor()).view(),
    'monitor.start': async () => (await monitor()).start(),
    'monitor.stop': async () => (await monitor()).stop(),
    'monitor.interval': async ({ seconds }) => (await monitor()).setInterval(seconds),
    'monitor.checkNow': async () => (await monitor()).checkNow(),
  };
}
