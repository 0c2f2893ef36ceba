// Bounds on what a site file may contain, so no input (however large, deep or aliased) can
// make the loader crash, hang or exhaust memory. Real sites sit far below every one of these.

/** Checked before any parsing. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Nesting depth of YAML collections (a real site file needs 5). */
export const MAX_DEPTH = 32;
/** Values that aliases (*name) may expand into, in total: stops "billion laughs" bombs. */
export const MAX_ALIAS_EXPANSION = 100_000;
/** Diagnostics reported before the rest are summarised in one last line. */
export const MAX_DIAGNOSTICS = 500;

export const MAX_SECTION = {
  domains: 256,
  pools: 4096,
  networks: 4096,
  containers: 20_000,
  images: 10_000,
  vms: 200_000,
  clusters: 10_000,
  antiAffinity: 10_000,
} as const;

export const MAX_LIST = {
  disks: 64,
  nics: 32,
  tags: 64,
  /** Pools a container mounts, networks it bridges. */
  containerRefs: 256,
  /** Compute nodes of a cluster, dedicated containers, members of an anti-affinity group. */
  members: 10_000,
} as const;

export const MAX_TEXT = 256;
export const MAX_DESCRIPTION = 4096;
export const MAX_PATH = 1024;
