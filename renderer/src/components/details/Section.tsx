// A titled block of the details panel.
import type { ReactNode } from 'react';

export function Section({
  title,
  children,
  tone,
}: {
  title: string;
  children: ReactNode;
  tone?: 'ok' | 'bad' | 'warn';
}) {
  return (
    <section className={`details-section${tone ? ` tone-${tone}` : ''}`} aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}
