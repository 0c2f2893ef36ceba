// Shared set-up for the integration project. Suites that need the lab start it through
// test/lab (shared across files); this hook only checks the basics so failures are clear.
export default function setup(): void {
  if (process.platform !== 'linux')
    throw new Error('Integration tests need Linux (sshd, libvirtd, namespaces).');
}
