// The time, re-read every `ms` while `active` (an elapsed-time display); no timer otherwise.
// The first value may be up to `ms` old: callers clamp what they compute from it.
import { useEffect, useState } from 'react';

export function useTicker(active: boolean, ms = 200): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [active, ms]);
  return now;
}
