// Policy status of a container: problems with what runs there, and the rules that bind it.
import { useMemo } from 'react';
import type { Container } from '../../../../core/model/types';
import { usePolicyContext } from '../../store/derived';
import { containerPolicyStatus } from '../../view-model/policy-status';
import { NodeLink } from './NodeLink';
import { Section } from './Section';
import { ViolationList } from './ViolationList';

export function ContainerPolicy({ container }: { container: Container }) {
  const ctx = usePolicyContext();
  const status = useMemo(() => (ctx ? containerPolicyStatus(ctx, container) : null), [ctx, container]);
  if (!status) return null;
  const bad = status.problems.length > 0 || status.misplaced.length > 0;
  return (
    <Section title="Policy status" tone={bad ? 'bad' : 'ok'}>
      {bad ? (
        <>
          <p className="verdict verdict-bad" data-testid="policy-verdict">
            <span aria-hidden="true">✗ </span>What runs here breaks the placement policy.
          </p>
          <ViolationList violations={status.problems} />
          {status.misplaced.map((m) => (
            <div key={m.vm} className="misplaced">
              <NodeLink kind="vm" name={m.vm} />
              <ViolationList violations={m.violations} />
            </div>
          ))}
        </>
      ) : (
        <p className="verdict verdict-ok" data-testid="policy-verdict">
          <span aria-hidden="true">✓ </span>Everything on this container satisfies the placement policy.
        </p>
      )}
      <h4>Rules that bind here</h4>
      <ul className="binding">
        {status.binding.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
    </Section>
  );
}
