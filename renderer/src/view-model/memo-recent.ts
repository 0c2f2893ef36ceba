// Memoise a pure function on the identity of its arguments, keeping the few most recent
// results: derived data (topology, matches, layout) is computed once per change and shared
// by every component that asks, even when a deferred and a current value coexist.
export function memoRecent<A extends unknown[], R>(fn: (...args: A) => R, size = 4): (...args: A) => R {
  const entries: { args: A; result: R }[] = [];
  return (...args: A): R => {
    const i = entries.findIndex(
      (e) => e.args.length === args.length && e.args.every((a, j) => Object.is(a, args[j])),
    );
    if (i >= 0) {
      const [hit] = entries.splice(i, 1);
      if (hit) {
        entries.unshift(hit);
        return hit.result;
      }
    }
    const result = fn(...args);
    entries.unshift({ args, result });
    if (entries.length > size) entries.pop();
    return result;
  };
}
