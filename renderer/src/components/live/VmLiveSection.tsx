// The live side of a VM in its details: where and in what state the hosts report it, how that
// differs from the site file, and its lifecycle actions (run as jobs; force off asks first).
import { useState } from 'react';
import type { VmAction } from '../../../../core/ipc/contract';
import type { Vm } from '../../../../core/model/types';
import { getApi } from '../../api';
import { StateIcon } from '../common/StateIcon';
import { Section } from '../details/Section';
import { useJobsStore } from '../jobs/jobs-store';
import { ConfirmForceOff } from './ConfirmForceOff';
import { runVmAction } from './live-actions';
import { actionsFor, formatAge } from './live-model';
import { useVmLive } from './use-live';
import { useNow } from './use-now';
import './live.css';

const BUTTONS: { action: VmAction; label: string }[] = [
  { action: 'start', label: 'Start' },
  { action: 'shutdown', label: 'Shut down' },
  { action: 'reboot', label: 'Reboot' },
  { action: 'forceOff', label: 'Force off…' },
];

function LiveLine({ vm }: { vm: Vm }) {
  const live = useVmLive(vm);
  const now = useNow();
  switch (live.kind) {
    case 'unknown':
      return <p className="muted">Not read yet: refresh the live state in the Drift view.</p>;
    case 'unverified':
      return <p className="live-warn">Not seen, but a host of domain {vm.domain} could not be read.</p>;
    case 'absent':
      return <p className="live-warn">No host of domain {vm.domain} has this VM.</p>;
    case 'found': {
      const { at } = live;
      return (
        <>
          <p
            className="live-line"
            data-testid="vm-live-state"
            data-state={at.state}
            data-container={at.container}
          >
            <span className={`chip-${at.state}`}>
              <StateIcon state={at.state} />
            </span>{' '}
            <strong>{at.state}</strong> on {at.container}{' '}
            <span className="muted small">
              ({at.rawState}; {formatAge(at.refreshedAt, now)}
              {at.stale ? ', the host did not answer since' : ''})
            </span>
          </p>
          {live.elsewhere && (
            <p className="live-warn">
              Runs on {at.container}; the site records {vm.container ?? 'no container'}.
            </p>
          )}
          {live.stateDiffers && <p className="live-warn">The site records it as {vm.state}.</p>}
          {live.also.length > 0 && <p className="live-warn">Also defined on {live.also.join(', ')}.</p>}
        </>
      );
    }
  }
}

export function VmLiveSection({ vm }: { vm: Vm }) {
  const live = useVmLive(vm);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<VmAction | null>(null);
  const lastJob = useJobsStore((s) =>
    s.jobs.find((j) => j.kind.startsWith('vm.') && j.title.includes(` ${vm.name} on `)),
  );
  const state = live.kind === 'found' ? live.at.state : live.kind === 'absent' ? null : vm.state;
  const allowed = actionsFor(state);
  const container = live.kind === 'found' ? live.at.container : vm.container;
  const act = async (action: VmAction) => {
    setBusy(action);
    try {
      await runVmAction(getApi(), vm.name, action);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Section title="Live state">
      <LiveLine vm={vm} />
      <div className="live-actions" role="group" aria-label={`Lifecycle actions for ${vm.name}`}>
        {BUTTONS.map((b) => (
          <button
            key={b.action}
            type="button"
            className={`btn btn-small${b.action === 'forceOff' ? ' btn-danger-outline' : ''}`}
            disabled={!allowed[b.action] || busy !== null}
            onClick={() => (b.action === 'forceOff' ? setConfirming(true) : void act(b.action))}
          >
            {b.label}
          </button>
        ))}
      </div>
      {lastJob && (
        <p className="live-job" data-testid="vm-last-job" data-state={lastJob.state}>
          {lastJob.title}: {lastJob.state}
          {lastJob.error ? ` — ${lastJob.error}` : lastJob.message ? ` — ${lastJob.message}` : ''}
        </p>
      )}
      {confirming && (
        <ConfirmForceOff
          vm={vm.name}
          container={container}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void act('forceOff');
          }}
        />
      )}
    </Section>
  );
}
