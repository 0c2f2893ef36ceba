// The disclosure triangle of a domain, container or group. Mouse only (tabIndex -1): from the
// keyboard, Left/Right on the tree item do the same; the tree handles clicks on data-toggle.
export function ExpandToggle({
  nodeKey,
  expanded,
  disabled = false,
}: {
  nodeKey: string;
  expanded: boolean;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className="expand-toggle"
      tabIndex={-1}
      aria-hidden="true"
      data-toggle={nodeKey}
      disabled={disabled}
      title={expanded ? 'Collapse' : 'Expand'}
    >
      <svg viewBox="0 0 16 16" width="12" height="12" className={expanded ? 'is-open' : ''} focusable="false">
        <path d="M6 3.5 10.5 8 6 12.5z" fill="currentColor" />
      </svg>
    </button>
  );
}
