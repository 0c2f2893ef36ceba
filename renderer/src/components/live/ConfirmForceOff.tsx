// Force off pulls the plug: the dialog names the VM and its container, and Cancel has the focus.
import { ModalDialog } from '../common/ModalDialog';

export function ConfirmForceOff({
  vm,
  container,
  onConfirm,
  onCancel,
}: {
  vm: string;
  container: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <ModalDialog labelledBy="force-off-title" describedBy="force-off-text" onCancel={onCancel}>
      <h2 id="force-off-title">Force off {vm}?</h2>
      <p id="force-off-text">
        This pulls the plug on <strong>{vm}</strong>
        {container ? (
          <>
            {' '}
            on <strong>{container}</strong>
          </>
        ) : null}
        , like cutting its power: the guest cannot save anything. Use Shut down when the guest still answers.
      </p>
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm}>
          Force off {vm}
        </button>
      </div>
    </ModalDialog>
  );
}
