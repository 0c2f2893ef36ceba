// `xl info`: the host's CPUs and memory (MiB), as "key : value" lines.
import { Report } from '../key-value';
import type { NodeCapacity } from '../types';

export function parseXlInfo(text: string): NodeCapacity & { xenVersion: string | null; host: string | null } {
  const r = Report.parse('xl info', text);
  const cpus = r.int('nr_cpus');
  const cores = r.optionalInt('cores_per_socket');
  const threads = r.optionalInt('threads_per_core');
  const major = r.optional('xen_major');
  const minor = r.optional('xen_minor');
  return {
    cpus,
    cpuModel: null,
    mhz: r.has('cpu_mhz') ? Math.round(r.number('cpu_mhz')) : null,
    sockets: cores && threads ? Math.max(1, Math.round(cpus / (cores * threads))) : null,
    coresPerSocket: cores,
    threadsPerCore: threads,
    numaCells: r.optionalInt('nr_nodes'),
    memoryMiB: r.int('total_memory'),
    freeMemoryMiB: r.optionalInt('free_memory'),
    xenVersion:
      r.optional('xen_version') ??
      (major !== undefined && minor !== undefined
        ? `${major}.${minor}${r.optional('xen_extra') ?? ''}`
        : null),
    host: r.optional('host') ?? null,
  };
}
