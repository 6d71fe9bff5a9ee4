/**
 * Where the code view joins the main window: it shares the centre with the conversation (shown
 * instead of it, the conversation kept alive underneath), owns the quick-open dialog, and contributes
 * the code commands (Mod+P "Go to file", Mod+Shift+E "Show code") to the palette and shortcuts.
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { useStores, useWorkspaces } from '../../stores/react';
import { useRegisterCommands } from '../commands/react';
import type { Command } from '../commands/registry';
import type { FrameActions } from '../shell/frame-actions';
import { CODE_SHORTCUTS, CodeView } from './CodeView';
import { QuickOpenDialog } from './QuickOpen';
import { useCode, useCodeFeature } from './use-code';
import './code.css';

export function CodeViewHost({ actions, children }: { actions: FrameActions; children: ReactNode }) {
  const feature = useCodeFeature();
  const { toasts, ui } = useStores();
  const visible = useCode((s) => s.visible);
  const root = useCode((s) => s.root);
  const workspaces = useWorkspaces((s) => s.list);

  useEffect(() => {
    feature.setNotifier((message) => toasts.getState().show('error', message));
    return () => feature.setNotifier(null);
  }, [feature, toasts]);

  /** The folder to browse when none is chosen: the current thread's, else the first. */
  const defaultRoot = (): string | null => {
    const id = actions.currentWorkspaceId();
    return workspaces.find((w) => w.id === id)?.path ?? workspaces[0]?.path ?? null;
  };
  const effectiveRoot = root ?? defaultRoot();

  // Showing code without a chosen folder: take the default one.
  useEffect(() => {
    if (!root && effectiveRoot && visible) feature.store.getState().setRoot(effectiveRoot);
  }, [root, effectiveRoot, visible, feature]);

  // Picking a thread, or asking for the conversation or its message box, brings the conversation back.
  useEffect(
    () =>
      ui.subscribe((state, prev) => {
        const wantsConversation = state.focusRequest !== prev.focusRequest && (state.focusRequest?.target === 'composer' || state.focusRequest?.target === 'conversation');
        if (state.selectedThreadId !== prev.selectedThreadId || wantsConversation) feature.store.getState().hide();
      }),
    [ui, feature],
  );

  const commands = useMemo<Command[]>(
    () => [
      {
        id: 'code.quickOpen',
        title: 'Go to file…',
        category: 'Code',
        shortcut: CODE_SHORTCUTS.quickOpen,
        keywords: 'quick open find file fuzzy search',
        run: () => {
          const state = feature.store.getState();
          if (!state.root && effectiveRoot) state.setRoot(effectiveRoot);
          state.setQuickOpen(true);
        },
      },
      {
        id: 'code.toggle',
        title: visible ? 'Hide code' : 'Show code',
        category: 'Code',
        shortcut: CODE_SHORTCUTS.toggle,
        keywords: 'files explorer tree browse source viewer',
        run: () => (visible ? feature.store.getState().hide() : feature.store.getState().show(root ?? effectiveRoot)),
      },
    ],
    [feature, visible, root, effectiveRoot],
  );
  useRegisterCommands('code', commands);

  return (
    <>
      {/* The conversation stays mounted (its scroll, its draft) while code is shown. */}
      <div className="code-host-slot" style={{ display: visible ? 'none' : 'contents' }}>
        {children}
      </div>
      {visible && <CodeView />}
      <QuickOpenDialog root={root ?? effectiveRoot} />
    </>
  );
}
