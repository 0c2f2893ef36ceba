// The views of the app shell's switcher. A later view (consoles) adds an entry here and a
// component under views/.
import { lazy } from 'react';
import type { ComponentType } from 'react';
import { AuditView } from './audit/AuditView';
import { DriftView } from './drift/DriftView';
import { TopologyView } from './TopologyView';
import { VaultView } from './vault/VaultView';

// The planner (with its chart library) is the biggest view: loaded when first opened, so the
// topology shows sooner.
const PlannerView = lazy(() => import('./planner/PlannerView').then((m) => ({ default: m.PlannerView })));

export type ViewId = 'topology' | 'drift' | 'planner' | 'vault' | 'audit';

export interface ViewDef {
  id: ViewId;
  label: string;
  /** SVG path (16x16 viewBox) of the switcher icon. */
  icon: string;
  component: ComponentType;
}

export const VIEWS: readonly ViewDef[] = [
  {
    id: 'topology',
    label: 'Topology',
    icon: 'M2 2h5v4H2zM9 2h5v4H9zM2 10h5v4H2zM9 10h5v4H9zM4.5 6v4M11.5 6v4',
    component: TopologyView,
  },
  {
    id: 'drift',
    label: 'Drift',
    icon: 'M2 5h9M8 2l3 3-3 3M14 11H5M8 8l-3 3 3 3',
    component: DriftView,
  },
  {
    id: 'planner',
    label: 'Planner',
    icon: 'M2 14V9h3v5M6.5 14V5h3v9M11 14V2h3v12M1 14.5h14',
    component: PlannerView,
  },
  {
    id: 'vault',
    label: 'Vault',
    icon: 'M4 7V5a4 4 0 0 1 8 0v2M3 7h10v7H3zM8 10v2',
    component: VaultView,
  },
  {
    id: 'audit',
    label: 'Audit',
    icon: 'M3 2h8l2 2v10H3zM5 6h6M5 9h6M5 12h4',
    component: AuditView,
  },
];
