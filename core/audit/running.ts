// The commands this Paddock process has started (their start record is durable) and not yet
// ended. The reader uses it to tell a command still running from one whose end was never
// written because an earlier Paddock stopped mid-command: only the process that sent a
// command can know it is still running it, so this is process-wide on purpose.
const running = new Set<string>();

export function markRunning(id: string): void {
  running.add(id);
}

export function markEnded(id: string): void {
  running.delete(id);
}

export function isRunning(id: string): boolean {
  return running.has(id);
}
