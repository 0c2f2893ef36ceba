// A small labelled pill (hypervisor kind, maintenance, dedicated cluster, trust...).
import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'info' | 'warn' | 'danger' | 'accent' | 'ok';

export function Badge({
  tone = 'neutral',
  title,
  children,
}: {
  tone?: BadgeTone;
  title?: string;
  children: ReactNode;
}) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
