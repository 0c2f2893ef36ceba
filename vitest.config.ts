import { defineConfig } from 'vitest/config';

// Unit tests (pure and fast) and integration tests (real sshd, libvirtd, QEMU started by the
// harness) are separate projects: integration runs files one at a time because they share
// the machine's two cores and the lab's network names.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // The lab is shared by the whole run and stopped at its end (test/lab/vitest-global.ts).
          globalSetup: ['test/integration/global-setup.ts', 'test/lab/vitest-global.ts'],
        },
      },
    ],
  },
});
