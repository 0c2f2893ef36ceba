// One what-if change: its fields depend on its kind (add VMs like one or of a size, add virtual
// clusters like one, add containers like one, remove or fail a container).
import type { Site } from '../../../../core/model/types';
import { PickerField, TextField } from './Fields';
import { fieldId, OP_LABEL, type OpDraft } from './planner-form';
import { usePlannerStore } from './planner-store';
import { pickFrom } from './SitePickers';

const COUNTED = { 'add-vms': 'VMs', 'add-clusters': 'clusters', 'add-containers': 'containers' } as const;

function VmSize({ op, site, set }: { op: OpDraft; site: Site; set(patch: Partial<OpDraft>): void }) {
  const radio = (value: OpDraft['sizeFrom'], label: string) => (
    <label className="check">
      <input
        type="radio"
        name={`planner-op-${op.id}-size`}
        checked={op.sizeFrom === value}
        onChange={() => set({ sizeFrom: value })}
      />
      {label}
    </label>
  );
  return (
    <>
      <fieldset className="planner-radios planner-inline">
        <legend>Size</legend>
        {radio('like', 'like a VM')}
        {radio('size', 'of a size')}
      </fieldset>
      {op.sizeFrom === 'like' ? (
        <PickerField
          id={fieldId.op(op.id, 'like')}
          label="Like VM"
          hint="Domain, size, image, disks and networks are copied"
          groups={pickFrom.vms(site)}
          empty="Choose a VM"
          value={op.like}
          onChange={(like) => set({ like })}
        />
      ) : (
        <div className="planner-row">
          <PickerField
            id={fieldId.op(op.id, 'domain')}
            label="Domain"
            groups={pickFrom.domains(site)}
            empty="Choose"
            value={op.domain}
            onChange={(domain) => set({ domain })}
          />
          <TextField
            id={fieldId.op(op.id, 'vcpus')}
            label="vCPUs"
            inputMode="numeric"
            value={op.vcpus}
            onChange={(vcpus) => set({ vcpus })}
          />
          <TextField
            id={fieldId.op(op.id, 'memoryGiB')}
            label="Memory (GiB)"
            inputMode="decimal"
            value={op.memoryGiB}
            onChange={(memoryGiB) => set({ memoryGiB })}
          />
        </div>
      )}
    </>
  );
}

function KindFields({ op, site, set }: { op: OpDraft; site: Site; set(patch: Partial<OpDraft>): void }) {
  switch (op.kind) {
    case 'add-vms':
      return <VmSize op={op} site={site} set={set} />;
    case 'add-clusters':
      return (
        <>
          <PickerField
            id={fieldId.op(op.id, 'like')}
            label="Like virtual cluster"
            hint="Nodes, sizes, private networks and node limit are copied"
            groups={pickFrom.clusters(site)}
            empty="Choose a cluster"
            value={op.like}
            onChange={(like) => set({ like })}
          />
          <PickerField
            id={fieldId.op(op.id, 'containerType')}
            label="Dedicated containers"
            groups={pickFrom.containers(site)}
            empty="Idle containers of the domain"
            value={op.containerType}
            onChange={(containerType) => set({ containerType })}
          />
        </>
      );
    case 'add-containers':
      return (
        <PickerField
          id={fieldId.op(op.id, 'like')}
          label="Like container"
          groups={pickFrom.containers(site)}
          empty="Choose a container"
          value={op.like}
          onChange={(like) => set({ like })}
        />
      );
    case 'remove-container':
    case 'fail-container':
      return (
        <PickerField
          id={fieldId.op(op.id, 'container')}
          label="Container"
          hint={
            op.kind === 'fail-container'
              ? 'Stays in the site, in maintenance; its VMs restart elsewhere'
              : 'Leaves the site; its VMs are placed elsewhere'
          }
          groups={pickFrom.containers(site)}
          empty="Choose a container"
          value={op.container}
          onChange={(container) => set({ container })}
        />
      );
  }
}

export function OpEditor({ op, n, site }: { op: OpDraft; n: number; site: Site }) {
  const update = usePlannerStore((s) => s.updateOp);
  const remove = usePlannerStore((s) => s.removeOp);
  const set = (patch: Partial<OpDraft>) => update(op.id, patch);
  const counted = op.kind in COUNTED ? COUNTED[op.kind as keyof typeof COUNTED] : null;
  return (
    <fieldset className="planner-op" data-testid={`planner-op-${n}`}>
      <legend>
        Change {n}: {OP_LABEL[op.kind]}
      </legend>
      {counted && (
        <TextField
          id={fieldId.op(op.id, 'count')}
          label={`How many ${counted}`}
          inputMode="numeric"
          value={op.count}
          onChange={(count) => set({ count })}
        />
      )}
      <KindFields op={op} site={site} set={set} />
      <button
        type="button"
        className="btn btn-small planner-op-remove"
        onClick={() => remove(op.id)}
        aria-label={`Remove change ${n} (${OP_LABEL[op.kind]})`}
      >
        Remove
      </button>
    </fieldset>
  );
}
