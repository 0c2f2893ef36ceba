// `virsh dumpxml NAME`: the domain's identity, vCPUs, memory, disks and NICs. The XML comes
// from a remote host, so it is treated as hostile: size-bounded, no DOCTYPE or entity
// declarations accepted (libvirt never emits them; refusing them rules out entity expansion),
// entities left unexpanded, and every value checked before it reaches the model.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OutputError } from '../errors';
import { boundedField, boundedText } from '../limits';
import type { DiskInfo, DomainConfig, NicInfo } from '../types';
import { toBytes } from '../units';

const SOURCE = 'virsh dumpxml';
const MAX_DEVICES = 1024;

export interface DomainXml extends DomainConfig {
  /** domain@type: kvm, qemu, xen... */
  hypervisor: string | null;
}

type XmlNode = string | { [key: string]: XmlValue };
type XmlValue = XmlNode | XmlNode[] | undefined;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // These repeat in a domain; everything else is read as a single element.
  isArray: (_name: string, jpath: unknown) =>
    jpath === 'domain.devices.disk' || jpath === 'domain.devices.interface',
});

const isObj = (v: XmlValue): v is { [key: string]: XmlValue } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function child(node: XmlValue, name: string): XmlValue {
  return isObj(node) ? node[name] : undefined;
}

/** Text content of an element (plain string, or '#text' when it has attributes). */
function text(node: XmlValue): string | undefined {
  if (typeof node === 'string') return node;
  if (isObj(node)) {
    const t = node['#text'];
    return typeof t === 'string'
      ? t
      : typeof t === 'number'
        ? String(t)
        : node['#text'] === undefined
          ? ''
          : undefined;
  }
  return undefined;
}

function attr(node: XmlValue, name: string): string | undefined {
  const v = isObj(node) ? node[`@${name}`] : undefined;
  return typeof v === 'string' ? v : undefined;
}

function single(node: XmlValue, what: string): XmlValue {
  if (Array.isArray(node)) throw new OutputError(SOURCE, `<${what}> appears more than once`);
  return node;
}

function list(node: XmlValue): XmlNode[] {
  if (node === undefined) return [];
  return Array.isArray(node) ? node : [node];
}

/** <memory unit='KiB'>N</memory> -> KiB. */
function memoryKiB(node: XmlValue, what: string): number | undefined {
  if (node === undefined) return undefined;
  const n = single(node, what);
  const value = text(n)?.trim() ?? '';
  if (!/^\d{1,18}$/.test(value))
    throw new OutputError(SOURCE, `<${what}> is not a whole number: ${JSON.stringify(value.slice(0, 40))}`);
  const bytes = toBytes(value, attr(n, 'unit') ?? 'KiB');
  if (bytes === undefined)
    throw new OutputError(SOURCE, `<${what}> has an unknown unit ${JSON.stringify(attr(n, 'unit'))}`);
  return Math.floor(bytes / 1024);
}

function positiveInt(value: string | undefined, what: string): number {
  if (value === undefined || !/^\d{1,6}$/.test(value.trim()) || Number(value) < 1) {
    throw new OutputError(
      SOURCE,
      `${what} is not a positive whole number: ${JSON.stringify((value ?? '(missing)').slice(0, 40))}`,
    );
  }
  return Number(value);
}

const field = (what: string, v: string | undefined): string | null =>
  v === undefined || v === '' ? null : boundedField(SOURCE, what, v);

function normaliseMac(mac: string | undefined): string | null {
  if (mac === undefined) return null;
  const m = mac.trim().toLowerCase();
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(m))
    throw new OutputError(SOURCE, `<mac address> is not a MAC address: ${JSON.stringify(mac.slice(0, 40))}`);
  return m;
}

function parseDisk(d: XmlNode): DiskInfo {
  const source = child(d, 'source');
  const path = attr(source, 'file') ?? attr(source, 'dev') ?? attr(source, 'volume') ?? attr(source, 'name');
  const target = attr(child(d, 'target'), 'dev');
  if (!target) throw new OutputError(SOURCE, '<disk> has no <target dev=...>');
  return {
    target: boundedField(SOURCE, 'disk target', target),
    source: field('disk source', path),
    device: attr(d, 'device') ?? 'disk',
    format: field('disk format', attr(child(d, 'driver'), 'type')),
    readonly: isObj(d) && d.readonly !== undefined,
  };
}

function parseNic(n: XmlNode): NicInfo {
  const source = child(n, 'source');
  const type = attr(n, 'type') ?? 'unknown';
  return {
    mac: normaliseMac(attr(child(n, 'mac'), 'address')),
    bridge: field('interface bridge', attr(source, 'bridge')),
    network: field('interface network', attr(source, 'network')),
    type: boundedField(SOURCE, 'interface type', type),
    model: field('interface model', attr(child(n, 'model'), 'type')),
  };
}

export function parseDomainXml(xml: string): DomainXml {
  boundedText(SOURCE, xml, 'XML');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new OutputError(
      SOURCE,
      'XML contains a DOCTYPE or ENTITY declaration, which libvirt never writes; refused',
    );
  let doc: XmlValue;
  try {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      throw new OutputError(SOURCE, `not well-formed XML: ${valid.err.msg}`, valid.err.line);
    }
    doc = parser.parse(xml) as XmlValue;
  } catch (e) {
    if (e instanceof OutputError) throw e;
    // A stack overflow on absurd nesting, or any parser failure, is bad output, not a crash.
    throw new OutputError(
      SOURCE,
      `XML could not be parsed (${e instanceof Error ? e.message.slice(0, 120) : String(e)})`,
    );
  }
  const domain = single(child(doc, 'domain'), 'domain');
  if (!isObj(domain)) throw new OutputError(SOURCE, 'no <domain> root element');
  const name = text(single(domain.name, 'name'))?.trim();
  if (!name) throw new OutputError(SOURCE, '<domain> has no <name>');
  const uuid = text(single(domain.uuid, 'uuid'))?.trim();
  if (
    uuid !== undefined &&
    !/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/.test(uuid)
  ) {
    throw new OutputError(SOURCE, `<uuid> is not a UUID: ${JSON.stringify(uuid.slice(0, 40))}`);
  }
  const vcpu = single(domain.vcpu, 'vcpu');
  const maxVcpus = positiveInt(text(vcpu), '<vcpu>');
  const currentAttr = attr(vcpu, 'current');
  const vcpus = currentAttr === undefined ? maxVcpus : positiveInt(currentAttr, '<vcpu current>');
  const maxMemoryKiB = memoryKiB(domain.memory, 'memory');
  if (maxMemoryKiB === undefined) throw new OutputError(SOURCE, '<domain> has no <memory>');
  const devices = single(domain.devices, 'devices');
  const disks = list(child(devices, 'disk'));
  const nics = list(child(devices, 'interface'));
  if (disks.length > MAX_DEVICES || nics.length > MAX_DEVICES)
    throw new OutputError(SOURCE, `more than ${MAX_DEVICES} disks or interfaces`);
  return {
    name: boundedField(SOURCE, 'domain name', name),
    uuid: uuid ? uuid.toLowerCase() : null,
    hypervisor: field('domain type', attr(domain, 'type')),
    maxVcpus,
    vcpus: Math.min(vcpus, maxVcpus),
    maxMemoryKiB,
    memoryKiB: memoryKiB(domain.currentMemory, 'currentMemory') ?? maxMemoryKiB,
    disks: disks.map(parseDisk),
    nics: nics.map(parseNic),
  };
}
