// `xl list -l`: a JSON array of {"domid": N, "config": <libxl_domain_config>} (xl_info.c). Only
// the members Paddock needs are read, each checked for its type; the rest is ignored. The JSON
// comes from a remote host: size-bounded, and any shape error names the entry and the member.
import { OutputError } from '../errors';
import { boundedField, boundedText, MAX_DOMAINS } from '../limits';
import type { DiskInfo, DomainConfig, NicInfo } from '../types';

const SOURCE = 'xl list -l';
const MAX_DEVICES = 1024;

export interface XlDomainConfig extends DomainConfig {
  domid: number | null;
  /** pv, hvm, pvh */
  type: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObj = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function member(obj: Json | undefined, key: string): Json | undefined {
  return isObj(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

class At {
  constructor(readonly where: string) {}
  fail(problem: string): never {
    throw new OutputError(SOURCE, `${this.where}: ${problem}`);
  }
  str(v: Json | undefined, what: string, required = false): string | null {
    if (v === undefined || v === null) return required ? this.fail(`${what} is missing`) : null;
    if (typeof v !== 'string') return this.fail(`${what} is not a string`);
    return boundedField(SOURCE, `${this.where} ${what}`, v);
  }
  int(v: Json | undefined, what: string, fallback?: number): number {
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      return this.fail(`${what} is not a non-negative whole number`);
    return v;
  }
  array(v: Json | undefined, what: string): Json[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return this.fail(`${what} is not an array`);
    if (v.length > MAX_DEVICES) return this.fail(`${what} has more than ${MAX_DEVICES} entries`);
    return v;
  }
}

function disk(at: At, d: Json, i: number): DiskInfo {
  const w = new At(`${at.where} disks[${i}]`);
  if (!isObj(d)) return w.fail('is not an object');
  const cdrom = member(d, 'is_cdrom');
  const rw = member(d, 'readwrite');
  return {
    target: w.str(member(d, 'vdev'), 'vdev', true) ?? '',
    source: w.str(member(d, 'pdev_path'), 'pdev_path'),
    device: cdrom === 1 || cdrom === true ? 'cdrom' : 'disk',
    format: w.str(member(d, 'format'), 'format'),
    // libxl's default for readwrite is 0; a CD-ROM is read-only.
    readonly: !(rw === 1 || rw === true),
  };
}

function nic(at: At, n: Json, i: number): NicInfo {
  const w = new At(`${at.where} nics[${i}]`);
  if (!isObj(n)) return w.fail('is not an object');
  const mac = w.str(member(n, 'mac'), 'mac');
  const m = mac?.toLowerCase() ?? null;
  if (m !== null && !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(m))
    w.fail(`mac ${JSON.stringify(mac?.slice(0, 40))} is not a MAC address`);
  return {
    mac: m,
    bridge: w.str(member(n, 'bridge'), 'bridge'),
    network: null,
    type: w.str(member(n, 'nictype'), 'nictype') ?? 'vif',
    model: w.str(member(n, 'model'), 'model'),
  };
}

function entry(e: Json, i: number): XlDomainConfig {
  const at = new At(`entry ${i}`);
  if (!isObj(e)) return at.fail('is not an object');
  const domidRaw = member(e, 'domid');
  const domid = domidRaw === null || domidRaw === undefined ? null : at.int(domidRaw, 'domid');
  const config = member(e, 'config');
  if (!isObj(config)) return at.fail('has no "config" object');
  const cInfo = member(config, 'c_info');
  const bInfo = member(config, 'b_info');
  const name = at.str(member(cInfo, 'name'), 'c_info.name', true) ?? '';
  const named = new At(`entry ${i} ("${name.slice(0, 60)}")`);
  const uuid = named.str(member(cInfo, 'uuid'), 'c_info.uuid');
  if (
    uuid !== null &&
    !/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(uuid)
  )
    named.fail('c_info.uuid is not a UUID');
  const maxVcpus = named.int(member(bInfo, 'max_vcpus'), 'b_info.max_vcpus', 1);
  // avail_vcpus is a bitmap, serialised as the list of set bits.
  const avail = member(bInfo, 'avail_vcpus');
  const vcpus = avail === undefined ? maxVcpus : named.array(avail, 'b_info.avail_vcpus').length;
  const maxMemoryKiB = named.int(member(bInfo, 'max_memkb'), 'b_info.max_memkb');
  return {
    domid,
    name,
    uuid: uuid?.toLowerCase() ?? null,
    type: named.str(member(cInfo, 'type'), 'c_info.type'),
    maxVcpus,
    vcpus,
    maxMemoryKiB,
    memoryKiB: named.int(member(bInfo, 'target_memkb'), 'b_info.target_memkb', maxMemoryKiB),
    disks: named.array(member(config, 'disks'), 'disks').map((d, k) => disk(named, d, k)),
    nics: named.array(member(config, 'nics'), 'nics').map((n, k) => nic(named, n, k)),
  };
}

export function parseXlListLong(text: string): XlDomainConfig[] {
  const trimmed = boundedText(SOURCE, text).trim();
  if (trimmed.startsWith('(')) {
    throw new OutputError(
      SOURCE,
      'output is S-expressions, not JSON: set output_format="json" in /etc/xen/xl.conf',
    );
  }
  let doc: Json;
  try {
    doc = JSON.parse(trimmed === '' ? '[]' : trimmed) as Json;
  } catch (e) {
    throw new OutputError(
      SOURCE,
      `not valid JSON (${e instanceof Error ? e.message.slice(0, 120) : String(e)})`,
    );
  }
  if (!Array.isArray(doc)) throw new OutputError(SOURCE, 'top level is not an array');
  if (doc.length > MAX_DOMAINS) throw new OutputError(SOURCE, `more than ${MAX_DOMAINS} domains`);
  return doc.map(entry);
}
