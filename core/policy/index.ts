// The placement policy: the ONE module that decides whether a VM may run on a container.
// Used by the site validator, the renderer's drag-and-drop pre-checks, live migration and the
// offline planner, so all of them apply the same rules with the same numbers and sentences.
//
// Stable API:
//   PlacementContext.fromSite(site)   indexes + current placement; ctx.move(vm, to|null); ctx.clone()
//   mayRun(ctx, vm, c): Verdict       every violated rule as a sentence
//   accepts(ctx, vm, c): boolean      same answer as mayRun(...).ok, no strings (hot loops)
//   staticViolations(ctx, vm, c)      load-independent rules (domain, maintenance, dedicated, storage, network)
//   staticallyEligible(ctx, vm, c)    same as staticViolations(...).length === 0
//   acceptingContainers(ctx, vm)      containers that would take vm now
//   containerLimits(c, dedicated?)    { vcpus, memoryMiB } a container offers guests
//   vmDemand(vm)                      { vcpus, memoryMiB } a VM needs
//   containerOverloads / affinityOverloads / placedVmViolations / auditPlacement: whole-site findings
export { PlacementContext } from './context';
export type { AffinityGroup } from './context';
export { mayRun, accepts, staticViolations, staticallyEligible, acceptingContainers } from './rules';
export type { VmRef, ContainerRef } from './rules';
export { containerLimits, vmDemand, formatGiB } from './capacity';
export { placedVmViolations, containerOverloads, affinityOverloads, auditPlacement } from './audit';
export { RULES, STATIC_RULES } from './types';
export type { Rule, Violation, Verdict, Capacity } from './types';
