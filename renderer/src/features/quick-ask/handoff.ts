/**
 * "Continue in thread" from the desktop's quick-ask window: that window and the main window are two
 * pages of one origin, so the quick-ask window writes the thread to open into localStorage and the main
 * window, which receives the `storage` event, selects it. (In web mode the panel opens it directly.)
 */
import { useEffect } from 'react';
import { HANDOFF_KEY, parseHandoff } from './handoff-message';

export function handOffThread(threadId: string): void {
  try {
    // A timestamp makes a repeated handoff of the same thread still a change (and so an event).
    window.localStorage.setItem(HANDOFF_KEY, JSON.stringify({ threadId, at: Date.now() }));
  } catch {
    // Storage disabled: nothing can carry the handoff; the thread is still in the sidebar.
  }
}

/** In the main window: open the thread the quick-ask window hands over. */
export function useQuickAskHandoff(openThread: (id: string) => void): void {
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key !== HANDOFF_KEY) return;
      const id = parseHandoff(e.newValue);
      if (id) openThread(id);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [openThread]);
}
