// A domain known by its list row only (name, id, state): its details say so (`partial`, with
// the reason for the UI) and carry no sizes, disks or NICs, so nothing compares them.
import type { DomainDetails, DomainListEntry } from './types';

export function partialDetails(
  row: DomainListEntry,
  persistent: boolean | null,
  note: string,
): DomainDetails {
  return {
    name: row.name,
    uuid: null,
    id: row.id,
    state: row.state,
    rawState: row.rawState,
    vcpus: 0,
    maxVcpus: 0,
    memoryMiB: 0,
    maxMemoryMiB: 0,
    disks: [],
    nics: [],
    persistent,
    partial: true,
    note,
  };
}
