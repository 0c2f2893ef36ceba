// JSON for --json: numbers that JSON cannot hold (an infinite gap when nothing fits) become null.
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
