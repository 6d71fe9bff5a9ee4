/** Brief messages in the corner; errors stay a little longer. Each can be dismissed. */
import { useEffect } from 'react';
import { useStores, useToasts } from '../../stores/react';
import type { Toast } from '../../stores/toasts-store';
import { Button, IconButton } from '../../ui/Button';
import { Icon } from '../../ui/Icon';

const LIFETIME_MS = { info: 4000, error: 8000 } as const;

function ToastView({ toast }: { toast: Toast }) {
  const { toasts } = useStores();
  useEffect(() => {
    const timer = setTimeout(() => toasts.getState().dismiss(toast.id), LIFETIME_MS[toast.tone]);
    return () => clearTimeout(timer);
  }, [toast, toasts]);
  return (
    <div className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <Icon name={toast.tone === 'error' ? 'alert' : 'check'} size={15} />
      <p className="toast-message">{toast.message}</p>
      {toast.action && (
        <Button
          size="sm"
          variant="ghost"
          className="toast-action"
          onClick={() => {
            toasts.getState().dismiss(toast.id);
            void toast.action?.run();
          }}
        >
          {toast.action.label}
        </Button>
      )}
      <IconButton icon="close" size="sm" label="Dismiss" onClick={() => toasts.getState().dismiss(toast.id)} />
    </div>
  );
}

export function Toasts() {
  const list = useToasts((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {list.map((t) => (
        <ToastView key={t.id} toast={t} />
      ))}
    </div>
  );
}
