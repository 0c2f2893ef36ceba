// The shape of a site FILE (what people write in YAML), as zod schemas. The loader checks each
// section element on its own so one broken VM does not hide the faults of the others; the
// JSON Schema for editors is generated from fileSchema. Normalising to the model
// (core/model/types.ts: GiB -> MiB, defaults that depend on other sections) is ./normalise.ts.
import { z } from 'zod';
import { isHostname } from '../net/hostname';
import { parseCidr, parseIPv4 } from '../net/ipv4';
import { normaliseMac } from '../net/mac';
import { MAX_DESCRIPTION, MAX_LIST, MAX_PATH, MAX_SECTION, MAX_TEXT } from './limits';

/** Allow-listed patterns; the loader explains each one by its code (see shape-messages.ts). */
export const PATTERNS = {
  name: {
    re: /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
    code: 'invalid-name',
    rule: 'letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63 characters (names reach remote commands as literal arguments)',
  },
  bridge: {
    re: /^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$/,
    code: 'invalid-bridge',
    rule: 'a Linux interface name: letters, digits, ".", "_" and "-", at most 15 characters',
  },
  user: {
    re: /^[a-z_][a-z0-9_-]{0,31}$/,
    code: 'invalid-user',
    rule: 'a POSIX user name: lower-case letters, digits, "_" and "-", at most 32 characters',
  },
  tag: {
    re: /^[A-Za-z0-9][A-Za-z0-9._:/=+-]{0,62}$/,
    code: 'invalid-tag',
    rule: 'letters, digits and . _ : / = + -, starting with a letter or digit, at most 63 characters',
  },
  absPath: {
    re: /^(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9._-]+)+\/?$/,
    code: 'invalid-path',
    rule: 'an absolute path of letters, digits, ".", "_" and "-" segments, without "." or ".." segments',
  },
  relPath: {
    re: /^(?!\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9._-]+)*$/,
    code: 'invalid-path',
    rule: 'a relative path inside the pool (letters, digits, ".", "_" and "-" segments, no "." or "..")',
  },
  uri: {
    re: /^[a-z][a-z0-9+]*:\/\/[A-Za-z0-9._~:@/?=&%+-]*$/,
    code: 'invalid-uri',
    rule: 'a libvirt connection URI such as qemu:///system or qemu+ssh://host/system',
  },
} as const;

const custom = (code: string) => ({ params: { code } });

/** max only for unbounded patterns: a bounded regex already refuses long input, with one message. */
const pattern = (p: (typeof PATTERNS)[keyof typeof PATTERNS], max?: number) =>
  max === undefined ? z.string().regex(p.re) : z.string().max(max).regex(p.re);

const Name = (description: string) => pattern(PATTERNS.name).meta({ description });
const Ref = (what: string) => pattern(PATTERNS.name).meta({ description: `name of a ${what}` });
const Text = (description: string) => z.string().min(1).max(MAX_TEXT).meta({ description });
const Description = z.string().max(MAX_DESCRIPTION).meta({ description: 'free text for people' });
const SshUser = (description: string) => pattern(PATTERNS.user).meta({ description });
const Tags = z
  .array(pattern(PATTERNS.tag))
  .max(MAX_LIST.tags)
  .default([])
  .meta({ description: 'free labels for search and filters' });
const Port = z.number().int().min(1).max(65535).meta({ description: 'TCP port' });

const IPv4 = (description: string) =>
  z
    .string()
    .max(64)
    .refine((s) => parseIPv4(s) !== null, custom('invalid-ip'))
    .meta({ description });
const HostAddress = z
  .string()
  .max(253)
  .refine((s) => (/^[0-9.]+$/.test(s) ? parseIPv4(s) !== null : isHostname(s)), custom('invalid-address'))
  .meta({ description: 'IPv4 address or DNS name' });

/** GiB amounts must be a whole number of MiB: the model counts memory in MiB integers. */
const MemoryGiB = (description: string, max: number, allowZero = false) =>
  (allowZero ? z.number().min(0) : z.number().positive())
    .max(max)
    .refine((x) => Number.isInteger(x * 1024), custom('fractional-mib'))
    .meta({ description });
const SizeGiB = (description: string, max = 1_048_576) =>
  z.number().positive().max(max).meta({ description });

export const siteInfoSchema = z.strictObject({
  name: Text('name of the site, shown in the title bar'),
  description: Description.optional(),
});

const jumpHostSchema = z.strictObject({
  address: HostAddress,
  port: Port.default(22),
  user: SshUser('SSH user on the jump host'),
});

export const domainSchema = z.strictObject({
  name: Name('security domain name'),
  description: Description.optional(),
  trust: Text('trust label shown in the UI, e.g. internal, external, trusted, education').optional(),
  ssh: z
    .strictObject({
      user: SshUser('default SSH user on this domain’s containers').default('root'),
      jumpHost: jumpHostSchema.optional().meta({ description: 'bastion to reach this domain through' }),
    })
    .default({ user: 'root' }),
});

export const poolSchema = z.strictObject({
  name: Name('storage pool name'),
  domain: Ref('security domain'),
  kind: z.enum(['gpfs', 'lustre', 'nfs', 'cephfs', 'local']).meta({ description: 'filesystem kind' }),
  mountPath: pattern(PATTERNS.absPath, MAX_PATH).meta({
    description: 'absolute mount path, the same on every container that mounts the pool',
  }),
  capacityGiB: SizeGiB('usable capacity in GiB', 1_000_000_000),
});

export const networkSchema = z.strictObject({
  name: Name('network name'),
  domain: Ref('security domain'),
  bridge: pattern(PATTERNS.bridge).meta({ description: 'Linux bridge on the containers' }),
  cidr: z
    .string()
    .max(64)
    .refine((s) => parseCidr(s) !== null, custom('invalid-cidr'))
    .meta({ description: 'IPv4 network, e.g. 10.20.0.0/24' }),
  gateway: IPv4('default gateway (inside the network)').optional(),
  public: z.boolean().default(false).meta({ description: 'reachable from outside the site' }),
  vlan: z.number().int().min(1).max(4094).optional().meta({ description: '802.1Q VLAN id' }),
});

export const containerSchema = z.strictObject({
  name: Name('container (hypervisor host) name'),
  domain: Ref('security domain'),
  address: HostAddress,
  ssh: z
    .strictObject({
      port: Port.default(22),
      user: SshUser('SSH user (default: the domain’s)').optional(),
    })
    .default({ port: 22 }),
  hypervisor: z.enum(['libvirt', 'xen-xl']).meta({ description: 'how guests are managed' }),
  uri: pattern(PATTERNS.uri, MAX_TEXT)
    .optional()
    .meta({ description: 'libvirt URI (default qemu:///system)' }),
  cpu: z.strictObject({
    cores: z.number().int().min(1).max(4096).meta({ description: 'physical cores' }),
    overcommit: z.number().min(1).max(64).default(1).meta({ description: 'allowed vCPU:core ratio' }),
  }),
  memoryGiB: MemoryGiB('installed memory in GiB', 1_048_576),
  reservedMemoryGiB: MemoryGiB('memory kept for the host (dom0), in GiB', 1_048_576, true).default(0),
  pools: z.array(Ref('storage pool')).max(MAX_LIST.containerRefs).default([]).meta({
    description: 'storage pools this container mounts',
  }),
  networks: z.array(Ref('network')).max(MAX_LIST.containerRefs).default([]).meta({
    description: 'networks this container has a bridge for',
  }),
  maintenance: z.boolean().default(false).meta({ description: 'in maintenance: accepts no new VMs' }),
  tags: Tags,
});

export const imageSchema = z.strictObject({
  name: Name('golden image name'),
  domain: Ref('security domain'),
  pool: Ref('storage pool'),
  path: pattern(PATTERNS.relPath, MAX_PATH).meta({ description: 'image file, relative to the pool' }),
  os: Text('operating system, e.g. debian-12'),
  format: z.enum(['qcow2', 'raw']).default('qcow2'),
  sizeGiB: SizeGiB('virtual size in GiB'),
});

const diskSchema = z.strictObject({
  name: Name('disk name within the VM (default disk0, disk1, ...)').optional(),
  pool: Ref('storage pool'),
  sizeGiB: SizeGiB('size in GiB'),
});

const nicSchema = z.strictObject({
  network: Ref('network'),
  ip: IPv4('IPv4 address on the network').optional(),
  mac: z
    .string()
    .max(64)
    .refine((s) => normaliseMac(s) !== null, custom('invalid-mac'))
    .optional()
    .meta({ description: 'MAC address, e.g. 52:54:00:12:34:56' }),
});

export const vmSchema = z.strictObject({
  name: Name('VM name'),
  domain: Ref('security domain'),
  vcpus: z.number().int().min(1).max(1024).meta({ description: 'virtual CPUs' }),
  memoryGiB: MemoryGiB('memory in GiB', 65_536),
  image: Ref('golden image').optional(),
  disks: z.array(diskSchema).max(MAX_LIST.disks).default([]),
  nics: z.array(nicSchema).max(MAX_LIST.nics).default([]),
  container: Ref('container')
    .nullable()
    .default(null)
    .meta({ description: 'container it runs on; null or absent = unplaced' }),
  state: z.enum(['running', 'stopped', 'paused', 'crashed', 'unknown']).default('unknown'),
  tags: Tags,
  owner: Text('owner (person or group)').optional(),
  project: Text('project it serves').optional(),
});

export const clusterSchema = z.strictObject({
  name: Name('virtual cluster name'),
  domain: Ref('security domain'),
  head: Ref('VM (the head node)'),
  computes: z.array(Ref('VM')).max(MAX_LIST.members).default([]).meta({ description: 'compute node VMs' }),
  containers: z.array(Ref('container')).max(MAX_LIST.members).default([]).meta({
    description: 'containers dedicated to this cluster: only its nodes run there, never oversubscribed',
  }),
  maxNodesPerContainer: z.number().int().min(1).optional().meta({
    description: 'anti-affinity: at most this many of its nodes on one container',
  }),
});

export const antiAffinitySchema = z.strictObject({
  name: Name('anti-affinity group name'),
  vms: z.array(Ref('VM')).min(1).max(MAX_LIST.members),
  maxPerContainer: z.number().int().min(1).default(1).meta({
    description: 'at most this many of the group on one container (1 = fully spread)',
  }),
});

/** Sections that hold lists of named elements, with the schema of one element. */
export const sectionSchemas = {
  domains: domainSchema,
  pools: poolSchema,
  networks: networkSchema,
  containers: containerSchema,
  images: imageSchema,
  vms: vmSchema,
  clusters: clusterSchema,
  antiAffinity: antiAffinitySchema,
} as const;
export type SectionName = keyof typeof sectionSchemas;
export const SECTION_NAMES = Object.keys(sectionSchemas) as SectionName[];

const section = <T extends z.ZodType>(element: T, max: number) => z.array(element).max(max).default([]);

/** The whole file (for the JSON Schema and for docs; the loader checks section by section). */
export const fileSchema = z
  .strictObject({
    version: z.literal(1).meta({ description: 'site file format version' }),
    site: siteInfoSchema,
    domains: section(domainSchema, MAX_SECTION.domains),
    pools: section(poolSchema, MAX_SECTION.pools),
    networks: section(networkSchema, MAX_SECTION.networks),
    containers: section(containerSchema, MAX_SECTION.containers),
    images: section(imageSchema, MAX_SECTION.images),
    vms: section(vmSchema, MAX_SECTION.vms),
    clusters: section(clusterSchema, MAX_SECTION.clusters),
    antiAffinity: section(antiAffinitySchema, MAX_SECTION.antiAffinity),
  })
  .meta({ title: 'Paddock site file', description: 'A managed-hosting site: domains, containers, VMs.' });

/** The top level with sections left unchecked, so each element can be checked on its own. */
export const topSchema = z.strictObject({
  version: z.unknown(),
  site: siteInfoSchema,
  ...(Object.fromEntries(
    SECTION_NAMES.map((s) => [s, z.array(z.unknown()).max(MAX_SECTION[s]).default([])]),
  ) as { [K in SectionName]: z.ZodDefault<z.ZodArray<z.ZodUnknown>> }),
});

export type FileDomain = z.output<typeof domainSchema>;
export type FilePool = z.output<typeof poolSchema>;
export type FileNetwork = z.output<typeof networkSchema>;
export type FileContainer = z.output<typeof containerSchema>;
export type FileImage = z.output<typeof imageSchema>;
export type FileVm = z.output<typeof vmSchema>;
export type FileCluster = z.output<typeof clusterSchema>;
export type FileAntiAffinity = z.output<typeof antiAffinitySchema>;
export type FileSiteInfo = z.output<typeof siteInfoSchema>;
