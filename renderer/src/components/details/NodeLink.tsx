// A name in the details panel that selects (and reveals in the tree) the node it names.
import { useSelectionStore } from '../../store/selection-store';
import { nodeKey, type NodeKind } from '../../view-model/keys';

export function NodeLink({ kind, name }: { kind: NodeKind; name: string }) {
  return (
    <button
      type="button"
      className="link"
      onClick={() => useSelectionStore.getState().select(nodeKey(kind, name), true)}
    >
      {name}
    </button>
  );
}

export function NodeLinks({ kind, names }: { kind: NodeKind; names: readonly string[] }) {
  if (names.length === 0) return <span className="muted">none</span>;
  return (
    <span className="link-list">
      {names.map((n) => (
        <NodeLink key={n} kind={kind} name={n} />
      ))}
    </span>
  );
}
