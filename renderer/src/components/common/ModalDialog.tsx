// A modal <dialog>: the browser traps focus inside it and Escape "cancels" it; both go to the
// caller's onCancel, so closing a dialog (a host-key or login question, a confirmation) is
// always an explicit answer.
import { useEffect, useRef, type ReactNode } from 'react';

export function ModalDialog({
  labelledBy,
  describedBy,
  className,
  onCancel,
  children,
}: {
  labelledBy: string;
  describedBy?: string;
  className?: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
