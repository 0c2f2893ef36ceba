// Props shared by the row components of the topology tree.
import type { TopologyRow } from '../../view-model/layout';
import type { RowContext } from './row-context';

export interface RowProps<K extends TopologyRow['kind']> {
  row: Extract<TopologyRow, { kind: K }>;
  ctx: RowContext;
  posInSet: number;
  setSize: number;
}
