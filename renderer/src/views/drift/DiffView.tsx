// A unified diff with old/new line numbers, additions and removals marked by sign as well as
// colour.
import { useMemo } from 'react';
import { diffStat, parseUnifiedDiff } from './drift-model';

export function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = useMemo(() => parseUnifiedDiff(diff), [diff]);
  const stat = diffStat(lines);
  return (
    <figure className="diff" aria-label={label}>
      <figcaption className="diff-stat">
        <span className="diff-added">+{stat.added}</span>{' '}
        <span className="diff-removed">−{stat.removed}</span> lines
      </figcaption>
      <pre className="diff-body" data-testid="drift-diff">
        {lines.map((l, i) => (
          <div key={i} className={`diff-line diff-${l.kind}`}>
            <span className="diff-no" aria-hidden="true">
              {l.oldLine ?? ''}
            </span>
            <span className="diff-no" aria-hidden="true">
              {l.newLine ?? ''}
            </span>
            <span className="diff-sign" aria-hidden="true">
              {l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' '}
            </span>
            <code>{l.text}</code>
          </div>
        ))}
      </pre>
    </figure>
  );
}
