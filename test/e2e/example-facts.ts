// What the example site file holds, read from the YAML itself so the end-to-end specs assert
// the file's numbers rather than copies of them.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { EXAMPLE_SITE } from '../../electron/shared/paths';

export interface FileVm {
  name: string;
  domain: string;
  vcpus: number;
  memoryGiB: number;
  container?: string | null;
  state: string;
  tags?: string[];
  nics?: { network: string; ip?: string }[];
}

export interface ExampleFacts {
  text: string;
  domains: { name: string }[];
  containers: { name: string; domain: string }[];
  vms: FileVm[];
  clusters: { name: string; containers: string[] }[];
}

export function exampleFacts(): ExampleFacts {
  const text = readFileSync(EXAMPLE_SITE, 'utf8');
  const doc = parse(text) as Omit<ExampleFacts, 'text'>;
  return { text, domains: doc.domains, containers: doc.containers, vms: doc.vms, clusters: doc.clusters };
}

export const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "4 GiB" as the UI writes memory. */
export const gib = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)} GiB`;
