// Policy violations as sentences, each tagged with its rule.
import type { Violation } from '../../../../core/policy';

export function ViolationList({ violations }: { violations: readonly Violation[] }) {
  return (
    <ul className="violations">
      {violations.map((v, i) => (
        <li key={`${v.rule}-${i}`}>
          <span className="rule-tag">{v.rule}</span>
          <span>{v.message}</span>
        </li>
      ))}
    </ul>
  );
}
