// Pick a question and its parameters, the search's time budget and seed, and run it. Problems
// are listed above the Run button (each focuses its field) and shown beside their fields.
import { useId, type FormEvent } from 'react';
import type { SiteSnapshot } from '../../../../core/ipc/contract';
import type { Site } from '../../../../core/model/types';
import { ErrorSummary } from './ErrorSummary';
import { PickerField, TextField } from './Fields';
import { ObjectiveField } from './ObjectiveField';
import { fieldId } from './planner-form';
import { runPlan } from './planner-actions';
import { usePlannerStore } from './planner-store';
import { plannerRunner } from './runner-instance';
import { ScenarioTabs } from './ScenarioTabs';
import { pickFrom } from './SitePickers';
import { WhatIfOps } from './WhatIfOps';

function KindFields({ site }: { site: Site }) {
  const form = usePlannerStore((s) => s.form);
  const setForm = usePlannerStore((s) => s.setForm);
  const objective = <ObjectiveField value={form.objective} onChange={(o) => setForm({ objective: o })} />;
  switch (form.kind) {
    case 'place':
      return (
        <>
          <p className="muted small">
            Places the {site.vms.filter((v) => v.container === null).length} unplaced VMs of the site; running
            VMs stay where they are.
          </p>
          {objective}
        </>
      );
    case 'rebalance':
      return (
        <>
          {objective}
          <TextField
            id={fieldId.budget}
            label="Migration budget (GiB of memory moved)"
            hint="Empty: no limit"
            inputMode="decimal"
            short={false}
            value={form.budgetGiB}
            onChange={(budgetGiB) => setForm({ budgetGiB })}
          />
        </>
      );
    case 'evacuate':
      return (
        <PickerField
          id={fieldId.container}
          label="Container to evacuate"
          hint="Its VMs move within their security domain, in an order where every step is valid"
          groups={pickFrom.containers(site)}
          empty="Choose a container"
          value={form.container}
          onChange={(container) => setForm({ container })}
        />
      );
    case 'whatif':
      return (
        <>
          <WhatIfOps site={site} />
          <PickerField
            id={fieldId.containerType}
            label="If it does not fit: how many more containers like…"
            hint="Optional: the planner then finds the fewest that make it fit"
            groups={pickFrom.containers(site)}
            empty="Do not ask"
            value={form.containerType}
            onChange={(containerType) => setForm({ containerType })}
          />
          {objective}
        </>
      );
  }
}

function SearchFields() {
  const form = usePlannerStore((s) => s.form);
  const setForm = usePlannerStore((s) => s.setForm);
  return (
    <fieldset className="planner-search">
      <legend>Search</legend>
      <div className="planner-row">
        <TextField
          id={fieldId.time}
          label="Time budget (s)"
          inputMode="decimal"
          value={form.timeSeconds}
          onChange={(timeSeconds) => setForm({ timeSeconds })}
        />
        <TextField
          id={fieldId.seed}
          label="Seed"
          inputMode="numeric"
          value={form.seed}
          onChange={(seed) => setForm({ seed })}
        />
      </div>
      <p className="form-hint">
        The best plan found is returned when the time is up; the same seed gives the same plan.
      </p>
    </fieldset>
  );
}

export function ScenarioForm({ snapshot }: { snapshot: SiteSnapshot }) {
  const kind = usePlannerStore((s) => s.form.kind);
  const setForm = usePlannerStore((s) => s.setForm);
  const errors = usePlannerStore((s) => s.errors);
  const status = usePlannerStore((s) => s.status);
  const panelId = useId();
  const busy = status === 'running' || status === 'cancelling';
  const site = snapshot.site;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const r = runPlan(plannerRunner(), snapshot);
    if (!r.ran) {
      const first = r.errors[0];
      if (first) document.getElementById(first.field)?.focus();
    }
  };
  return (
    <form className="planner-form" onSubmit={onSubmit} noValidate aria-label="Planner question">
      <ScenarioTabs kind={kind} onChange={(k) => setForm({ kind: k })} panelId={panelId} />
      <div className="planner-panel" role="tabpanel" id={panelId}>
        {site ? (
          <KindFields site={site} />
        ) : (
          <p className="muted">The open site has errors: fix them to plan.</p>
        )}
      </div>
      <SearchFields />
      <ErrorSummary errors={errors} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !site}>
          {busy ? 'Planning…' : 'Run plan'}
        </button>
      </div>
    </form>
  );
}
