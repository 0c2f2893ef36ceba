// Policy status of a VM: may it run where it is (every violated rule), and where else it could go.
import { useMemo, useState } from 'react';
import type { Vm } from '../../../../core/model/types';
import { usePolicyContext } from '../../store/derived';
import { plural } from '../../view-model/format';
import { vmPolicyStatus } from '../../view-model/policy-status';
import { NodeLink, NodeLinks } from './NodeLink';
import { Section } from './Section';
import { ViolationList } from './ViolationList';

export function VmPolicy({ vm }: { vm: Vm }) {
  const ctx = usePolicyContext();
  const status = useMemo(() => (ctx ? vmPolicyStatus(ctx, vm) : null), [ctx, vm]);
  const [showRefusals, setShowRefusals] = useState(false);
  if (!status) return null;
  const { host, here } = status;
  let verdict;
  if (host && here) {
    verdict = here.ok ? (
      <p className="verdict verdict-ok" data-testid="policy-verdict">
        <span aria-hidden="true">✓ </span>May run on <NodeLink kind="container" name={host} />: every
        placement rule holds.
      </p>
    ) : (
      <>
        <p className="verdict verdict-bad" data-testid="policy-verdict">
          <span aria-hidden="true">✗ </span>May not run on <NodeLink kind="container" name={host} />:{' '}
          {plural(here.violations.length, 'rule')} violated.
        </p>
        <ViolationList violations={here.violations} />
      </>
    );
  } else if (status.unknownHost) {
    verdict = (
      <p className="verdict verdict-bad" data-testid="policy-verdict">
        <span aria-hidden="true">✗ </span>Names container {status.unknownHost}, which the site does not
        define.
      </p>
    );
  } else {
    verdict = (
      <p className="verdict" data-testid="policy-verdict">
        Unplaced: not running on any container.
      </p>
    );
  }
  return (
    <Section title="Policy status" tone={here ? (here.ok ? 'ok' : 'bad') : undefined}>
      {verdict}
      <h4>{host ? 'Other containers that would accept it' : 'Containers that would accept it'}</h4>
      <p data-testid="policy-accepting">
        {status.accepting.length > 0 ? (
          <NodeLinks kind="container" names={status.accepting} />
        ) : (
          <span className="muted">none in its domain, as things stand</span>
        )}
      </p>
      {status.refusing.length > 0 && (
        <>
          <button
            type="button"
            className="link"
            aria-expanded={showRefusals}
            onClick={() => setShowRefusals(!showRefusals)}
          >
            {showRefusals ? 'Hide' : 'Show'} why {plural(status.refusing.length, 'container')} of domain{' '}
            {vm.domain} would refuse it
          </button>
          {showRefusals && (
            <ul className="refusals">
              {status.refusing.map((r) => (
                <li key={r.container}>
                  <NodeLink kind="container" name={r.container} />
                  <ViolationList violations={r.violations} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {status.otherDomains > 0 && (
        <p className="muted">
          {plural(status.otherDomains, 'container')} of other security domains excluded by domain isolation.
        </p>
      )}
    </Section>
  );
}
