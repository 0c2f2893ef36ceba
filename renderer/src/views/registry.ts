// The views of the app shell's switcher. Later views (vault, audit log, drift, jobs, planner,
// consoles) add an entry here and a component under views/.
import type { ComponentType } from 'react';
import { TopologyView } from './TopologyView';

export type ViewId = 'topology';

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
];
