// Per-domain files (vaults, known hosts, remembered passphrases) are named after the domain.
// Domain names come from site files, so they are checked before they become a path: the
// model's allow-listed charset, which cannot express "..", "/" or a hidden file.
import path from 'node:path';

const DOMAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

export function domainNameProblem(domain: unknown): string | null {
  if (typeof domain !== 'string') return 'domain name must be a string';
  if (!DOMAIN_NAME.test(domain)) {
    return `domain name ${JSON.stringify(domain).slice(0, 80)} must be 1-64 letters, digits, '.', '_' or '-', not starting with '.' or '-'`;
  }
  return null;
}

export function domainFile(dir: string, domain: string, suffix: string): string {
  const problem = domainNameProblem(domain);
  if (problem) throw new Error(problem);
  return path.join(dir, `${domain}${suffix}`);
}
