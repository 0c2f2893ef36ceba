// The planner view's state: the form as typed (and its problems after a Run), the run in the
// worker (progress, cancel), the last result with what it was computed on, and applying it to
// a new version of the site file (preview, write, open).
import { create } from 'zustand';
import type { PlanVersionPreview, PlanVersionWritten } from '../../../../core/ipc/contract';
import type { Site } from '../../../../core/model/types';
import type { Plan, PlanRequest, Progress } from '../../../../core/planner';
import {
  defaultForm,
  fieldId,
  newOp,
  type FieldError,
  type OpDraft,
  type OpKind,
  type PlannerForm,
} from './planner-form';

export type RunStatus = 'idle' | 'running' | 'cancelling' | 'done' | 'failed';

export interface PlanResult {
  plan: Plan;
  request: PlanRequest;
  /** The site the plan was computed on, and its file. */
  site: Site;
  siteFile: string;
  sitePath: string;
  timeLimitMs: number;
  seed: number;
  /** From Run to the answer, as the page saw it (the whole search, all what-if tries included). */
  wallMs: number;
}

export interface PlannerState {
  form: PlannerForm;
  nextOpId: number;
  /** Problems of the form found by the last Run (cleared field by field as they are edited). */
  errors: FieldError[];
  status: RunStatus;
  /** The request being run (for the progress text) and when it started (performance.now / Date.now). */
  running: { request: PlanRequest; timeLimitMs: number; startedAt: number } | null;
  progress: Progress | null;
  runError: string | null;
  result: PlanResult | null;
  preview: PlanVersionPreview | null;
  written: PlanVersionWritten | null;
  busy: 'preview' | 'apply' | 'open' | null;
  applyError: string | null;

  setForm(patch: Partial<Omit<PlannerForm, 'ops'>>): void;
  addOp(kind: OpKind): number;
  updateOp(id: number, patch: Partial<Omit<OpDraft, 'id'>>): void;
  removeOp(id: number): void;
  setErrors(errors: FieldError[]): void;
  started(request: PlanRequest, timeLimitMs: number, startedAt: number): void;
  progressed(p: Progress): void;
  cancelling(): void;
  finished(result: PlanResult): void;
  failed(message: string): void;
  setBusy(busy: PlannerState['busy']): void;
  previewed(p: PlanVersionPreview): void;
  closePreview(): void;
  wrote(w: PlanVersionWritten): void;
  applyFailed(message: string): void;
  dismissApply(): void;
}

/** Drop the problems of the fields a change touched. */
const without = (errors: FieldError[], fields: readonly string[]): FieldError[] =>
  errors.filter((e) => !fields.some((f) => e.field === f || e.field.startsWith(`${f}-`)));

const FORM_FIELDS: Partial<Record<keyof PlannerForm, string>> = {
  timeSeconds: fieldId.time,
  seed: fieldId.seed,
  budgetGiB: fieldId.budget,
  container: fieldId.container,
  containerType: fieldId.containerType,
};

const noApply = { preview: null, written: null, busy: null, applyError: null } as const;

export const usePlannerStore = create<PlannerState>()((set) => ({
  form: defaultForm(),
  nextOpId: 1,
  errors: [],
  status: 'idle',
  running: null,
  progress: null,
  runError: null,
  result: null,
  ...noApply,

  setForm: (patch) =>
    set((s) => {
      const touched = Object.keys(patch).flatMap((k) => FORM_FIELDS[k as keyof PlannerForm] ?? []);
      // Another scenario: the problems found for the last one no longer apply.
      const kindChanged = patch.kind !== undefined && patch.kind !== s.form.kind;
      return { form: { ...s.form, ...patch }, errors: kindChanged ? [] : without(s.errors, touched) };
    }),
  addOp: (kind) => {
    let id = 0;
    set((s) => {
      id = s.nextOpId;
      return {
        form: { ...s.form, ops: [...s.form.ops, newOp(id, kind)] },
        nextOpId: id + 1,
        errors: without(s.errors, [fieldId.ops]),
      };
    });
    return id;
  },
  updateOp: (id, patch) =>
    set((s) => ({
      form: { ...s.form, ops: s.form.ops.map((o) => (o.id === id ? { ...o, ...patch } : o)) },
      errors: without(
        s.errors,
        Object.keys(patch).map((k) => fieldId.op(id, k as keyof OpDraft)),
      ),
    })),
  removeOp: (id) =>
    set((s) => ({
      form: { ...s.form, ops: s.form.ops.filter((o) => o.id !== id) },
      errors: without(s.errors, [fieldId.opPrefix(id)]),
    })),
  setErrors: (errors) => set({ errors }),

  started: (request, timeLimitMs, startedAt) =>
    set({
      status: 'running',
      running: { request, timeLimitMs, startedAt },
      progress: null,
      runError: null,
      errors: [],
    }),
  progressed: (progress) => set((s) => (s.running ? { progress } : {})),
  cancelling: () => set((s) => (s.status === 'running' ? { status: 'cancelling' } : {})),
  finished: (result) => set({ status: 'done', running: null, result, ...noApply }),
  failed: (message) => set({ status: 'failed', running: null, runError: message }),

  setBusy: (busy) => set({ busy, applyError: null }),
  previewed: (preview) => set({ preview, busy: null, applyError: null, written: null }),
  closePreview: () => set({ preview: null }),
  wrote: (written) => set({ written, preview: null, busy: null, applyError: null }),
  applyFailed: (message) => set({ busy: null, applyError: message }),
  dismissApply: () => set({ written: null, applyError: null }),
}));
