// Admin-access monitoring as the app runs it: the core AccessMonitor over the site's
// containers, started and stopped on request, with an interval the user can change. A stopped
// AccessMonitor cannot be restarted and its interval is fixed, so both make a new one; the
// state file carries last successes and failures across (and across restarts of Paddock).
import type { MonitorView } from '../../../core/ipc/contract';
import type { AccessChange, MonitoredHost, Prober } from '../../../core/monitor/access-monitor';
import { AccessMonitor } from '../../../core/monitor/access-monitor';
import { accessStatusView } from './views';

export interface MonitorServiceOptions {
  probe: Prober;
  stateFile: string;
  intervalSeconds: number;
  onChange: (c: AccessChange) => void;
  /** A state file that cannot be read (reported, then monitoring starts from nothing). */
  onLoadError: (e: unknown) => void;
  timeoutMs?: number;
  concurrency?: number;
}

export class MonitorService {
  private monitor: AccessMonitor;
  private hosts: MonitoredHost[] = [];
  private running = false;
  private intervalSeconds: number;
  private off: () => void = () => undefined;
  /** Start/stop/interval changes run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: MonitorServiceOptions) {
    this.intervalSeconds = o.intervalSeconds;
    this.monitor = this.make();
  }

  /** Load the last known state; call once before anything else. */
  async init(): Promise<void> {
    await this.monitor.load().catch(this.o.onLoadError);
  }

  setHosts(hosts: readonly MonitoredHost[]): void {
    this.hosts = [...hosts];
    this.monitor.setHosts(this.hosts);
  }

  view(): MonitorView {
    return {
      running: this.running,
      intervalSeconds: this.intervalSeconds,
      hosts: this.monitor.status().map(accessStatusView),
    };
  }

  start(): Promise<MonitorView> {
    return this.serial(async () => {
      if (this.running) return;
      this.running = true;
      this.monitor.start();
    });
  }

  stop(): Promise<MonitorView> {
    return this.serial(async () => {
      if (!this.running) return;
      this.running = false;
      // A fresh, idle monitor: "check now" keeps working while monitoring is off.
      await this.renew();
    });
  }

  setInterval(seconds: number): Promise<MonitorView> {
    return this.serial(async () => {
      if (seconds === this.intervalSeconds) return;
      this.intervalSeconds = seconds;
      const wasRunning = this.running;
      this.running = false;
      await this.renew();
      if (wasRunning) {
        this.running = true;
        this.monitor.start();
      }
    });
  }

  /** One round now (joins a round already running). */
  async checkNow(): Promise<MonitorView> {
    await this.monitor.checkNow();
    return this.view();
  }

  async close(): Promise<void> {
    this.running = false;
    await this.monitor.stop();
    this.off();
  }

  private make(): AccessMonitor {
    const m = new AccessMonitor({
      probe: this.o.probe,
      intervalMs: this.intervalSeconds * 1000,
      stateFile: this.o.stateFile,
      ...(this.o.timeoutMs !== undefined ? { timeoutMs: this.o.timeoutMs } : {}),
      ...(this.o.concurrency !== undefined ? { concurrency: this.o.concurrency } : {}),
    });
    this.off = m.onChange(this.o.onChange);
    return m;
  }

  /** Replace the monitor by a fresh one that continues from the state file. */
  private async renew(): Promise<void> {
    await this.monitor.stop();
    this.off();
    this.monitor = this.make();
    await this.monitor.load().catch(this.o.onLoadError);
    this.monitor.setHosts(this.hosts);
  }

  private serial(work: () => Promise<void>): Promise<MonitorView> {
    const run = this.queue.then(work, work).then(() => this.view());
    this.queue = run.catch(() => undefined);
    return run;
  }
}
