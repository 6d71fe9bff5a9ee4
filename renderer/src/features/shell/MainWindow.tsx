/** The main window: the frame plus everything that floats over it, and the window-wide keyboard. */
import { useEffect } from 'react';
import { useStores, useThreads, useUi } from '../../stores/react';
import { CommandPalette } from '../commands/CommandPalette';
import { useShortcutHandler } from '../commands/react';
import { useQuickAskHandoff } from '../quick-ask/handoff';
import { QuickAskPanel } from '../quick-ask/QuickAskPanel';
import { SettingsDialog } from '../settings/SettingsDialog';
import { NewWorktreeThreadDialog } from '../threads/NewWorktreeThreadDialog';
import { SuggestionsHost } from '../suggestions/SuggestionsHost';
import { showDraft } from '../suggestions/open-draft';
import { useApplyTheme } from '../theme/use-theme';
import { useFrameActions, type FrameActions } from './frame-actions';
import { Frame } from './Frame';
import { Toasts } from './Toasts';
import { useFrameCommands } from './use-frame-commands';

/** The shell (tray "Open Tandem", the hotkey in web mode, …) can ask the page to show a view. */
function useNavigateEvents(actions: FrameActions, webMode: boolean): void {
  const stores = useStores();
  const { client } = stores;
  useEffect(
    () =>
      client.on('app.navigate', ({ view, threadId, review }) => {
        if (view === 'settings') actions.openSettings();
        else if (view === 'quick-ask' && webMode) actions.openQuickAsk();
        else if (view === 'main') {
          actions.closeDialog();
          // Another window (the suggestions overlay) opened a thread, or a drafted fix to review.
          if (threadId && review) void showDraft(stores, threadId, review).catch(() => undefined);
          else if (threadId) stores.ui.getState().selectThread(threadId);
        }
      }),
    [client, actions, webMode, stores],
  );
}

/** Forget a selection that no longer exists (archived elsewhere, or from an older data dir). */
function useSelectionGuard(): void {
  const { ui } = useStores();
  const selected = useUi((s) => s.selectedThreadId);
  const loaded = useThreads((s) => s.status === 'ready');
  const thread = useThreads((s) => (selected ? s.byId[selected] : undefined));
  useEffect(() => {
    if (selected && loaded && (!thread || thread.archived)) ui.getState().selectThread(null);
  }, [selected, loaded, thread, ui]);
}

/** The window's title names the open thread, as editors name the open file. */
function useDocumentTitle(): void {
  const selected = useUi((s) => s.selectedThreadId);
  const title = useThreads((s) => (selected ? s.byId[selected]?.title : undefined));
  useEffect(() => {
    document.title = title ? `${title} — Tandem` : 'Tandem';
  }, [title]);
}

export function MainWindow({ webMode }: { webMode: boolean }) {
  const actions = useFrameActions();
  const paletteOpen = useUi((s) => s.dialog?.kind === 'palette');
  useApplyTheme();
  useFrameCommands(actions, { webMode });
  useShortcutHandler();
  useNavigateEvents(actions, webMode);
  useQuickAskHandoff(actions.openThread);
  useSelectionGuard();
  useDocumentTitle();

  return (
    <>
      <Frame actions={actions} webMode={webMode} />
      <CommandPalette open={paletteOpen} onClose={actions.closeDialog} onOpenThread={actions.openThread} />
      <SettingsDialog actions={actions} />
      <NewWorktreeThreadDialog />
      {webMode && <QuickAskPanel actions={actions} />}
      <SuggestionsHost webMode={webMode} />
      <Toasts />
    </>
  );
}
