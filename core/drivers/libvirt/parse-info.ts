// `virsh dominfo`, `virsh nodeinfo` and `virsh domjobinfo`: key-value reports.
import type { VmState } from '../../model/types';
import { OutputError } from '../errors';
import { Report } from '../key-value';
import type { JobInfo, NodeCapacity } from '../types';
import { parseSizeText } from '../units';
import { virshState } from './state';

const KIB = ['KiB'];

export interface DomInfo {
  id: number | null;
  name: string;
  uuid: string | null;
  state: VmState;
  rawState: string;
  vcpus: number;
  maxMemoryKiB: number;
  usedMemoryKiB: number;
  persistent: boolean | null;
  autostart: boolean | null;
}

const yesNo = (v: string | undefined): boolean | null =>
  v === undefined
    ? null
    : v === 'yes' || v === 'enable'
      ? true
      : v === 'no' || v === 'disable'
        ? false
        : null;

export function parseDominfo(text: string): DomInfo {
  const r = Report.parse('virsh dominfo', text);
  const rawState = r.required('State');
  const state = virshState(rawState);
  if (!state)
    throw new OutputError(
      r.source,
      `unknown state ${JSON.stringify(rawState.slice(0, 40))}`,
      r.kv.lines.get('State'),
    );
  const id = r.required('Id');
  if (id !== '-' && !/^\d{1,10}$/.test(id))
    throw new OutputError(r.source, `"Id" is not a number or "-"`, r.kv.lines.get('Id'));
  const uuid = r.optional('UUID') ?? null;
  if (uuid !== null && !/^[0-9a-fA-F-]{32,36}$/.test(uuid))
    throw new OutputError(r.source, '"UUID" is not a UUID', r.kv.lines.get('UUID'));
  return {
    id: id === '-' ? null : Number(id),
    name: r.required('Name'),
    uuid: uuid?.toLowerCase() ?? null,
    state,
    rawState,
    vcpus: r.int('CPU(s)'),
    maxMemoryKiB:
      r.has('Max memory') && r.required('Max memory') === 'no limit' ? 0 : r.int('Max memory', KIB),
    usedMemoryKiB: r.int('Used memory', KIB),
    persistent: yesNo(r.optional('Persistent')),
    autostart: yesNo(r.optional('Autostart')),
  };
}

export function parseNodeinfo(text: string): NodeCapacity {
  const r = Report.parse('virsh nodeinfo', text);
  const mhz = r.optional('CPU frequency');
  return {
    cpus: r.int('CPU(s)'),
    cpuModel: r.optional('CPU model') ?? null,
    mhz: mhz === undefined ? null : r.int('CPU frequency', ['MHz']),
    sockets: r.optionalInt('CPU socket(s)'),
    coresPerSocket: r.optionalInt('Core(s) per socket'),
    threadsPerCore: r.optionalInt('Thread(s) per core'),
    numaCells: r.optionalInt('NUMA cell(s)'),
    memoryMiB: Math.floor(r.int('Memory size', KIB) / 1024),
    freeMemoryMiB: null,
  };
}

function size(r: Report, key: string): number | null {
  const v = r.optional(key);
  if (v === undefined) return null;
  const b = parseSizeText(v);
  if (b === undefined)
    throw new OutputError(
      r.source,
      `"${key}" is not a size: ${JSON.stringify(v.slice(0, 40))}`,
      r.kv.lines.get(key),
    );
  return Math.round(b);
}

export function parseDomjobinfo(text: string): JobInfo {
  const r = Report.parse('virsh domjobinfo', text);
  const type = r.required('Job type');
  const active =
    !/^none$/i.test(type) &&
    !/^completed$/i.test(type) &&
    !/^failed$/i.test(type) &&
    !/^cancelled$/i.test(type);
  const elapsed = r.optional('Time elapsed');
  let elapsedMs: number | null = null;
  if (elapsed !== undefined) {
    const m = /^(\d{1,15})\s*ms$/.exec(elapsed);
    if (!m?.[1])
      throw new OutputError(
        r.source,
        `"Time elapsed" is not "N ms": ${JSON.stringify(elapsed.slice(0, 40))}`,
        r.kv.lines.get('Time elapsed'),
      );
    elapsedMs = Number(m[1]);
  }
  const total = size(r, 'Data total');
  const processed = size(r, 'Data processed');
  return {
    active,
    supported: true,
    type,
    operation: r.optional('Operation') ?? null,
    elapsedMs,
    dataTotalBytes: total,
    dataProcessedBytes: processed,
    dataRemainingBytes: size(r, 'Data remaining'),
    progress: total && processed !== null ? Math.min(1, processed / total) : null,
    raw: r.raw(),
  };
}
