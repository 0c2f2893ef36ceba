// Acts on "please do X" counters from the stores (focus this node, reveal that one) exactly once
// per bump. A component that mounts later must not replay an old request: the tree remounts when
// a search goes from "nothing matches" to some matches, and replaying the last focus request then
// stole the keyboard from the search box in mid-word.
import { useEffect, useRef } from 'react';

export function useRequest(counter: number, handle: () => void): void {
  const handled = useRef(counter);
  const latest = useRef(handle);
  useEffect(() => {
    latest.current = handle;
  });
  useEffect(() => {
    if (counter === handled.current) return;
    handled.current = counter;
    latest.current();
  }, [counter]);
}
