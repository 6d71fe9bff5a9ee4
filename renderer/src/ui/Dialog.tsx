/**
 * A modal built on <dialog>: the browser traps focus, puts it in the top layer and makes the rest inert.
 * Esc and a click on the backdrop close it; focus returns where it was.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({
  open,
  onClose,
  label,
  className,
  children,
  closeOnBackdrop = true,
}: {
  open: boolean;
  onClose(): void;
  /** Accessible name of the dialog. */
  label: string;
  className?: string;
  children: ReactNode;
  closeOnBackdrop?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      // Only give focus back if it is still inside the page (not when another dialog took over).
      if (returnTo?.isConnected && !document.querySelector('dialog[open]')) returnTo.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-label={label}
      onCancel={(e) => {
        // Esc: let React state decide, so the dialog never closes behind the app's back.
        e.preventDefault();
        onCloseRef.current();
      }}
      onMouseDown={(e) => {
        if (closeOnBackdrop && e.target === ref.current) onCloseRef.current();
      }}
    >
      {children}
    </dialog>
  );
}
