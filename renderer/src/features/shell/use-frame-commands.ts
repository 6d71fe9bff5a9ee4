/** The main window's own commands: what the palette lists and what the shortcuts run. */
import { useMemo } from 'react';
import { useApp, useUi } from '../../stores/react';
import { useRegisterCommands } from '../commands/react';
import type { Command } from '../commands/registry';
import { useResolvedTheme } from '../theme/use-theme';
import type { FrameActions } from './frame-actions';

/** Shortcuts of the frame, named once so buttons' tooltips and the palette agree. */
export const SHORTCUTS = {
  palette: 'Mod+K',
  paletteAlt: 'Mod+Shift+P',
  newThread: 'Mod+Shift+O',
  addFolder: 'Mod+O',
  toggleSidebar: 'Mod+B',
  toggleReview: 'Mod+Alt+B',
  toggleBottom: 'Mod+J',
  toggleBottomAlt: 'Ctrl+`',
  settings: 'Mod+,',
  quickAsk: 'Mod+Shift+Space',
  nextThread: 'Alt+ArrowDown',
  prevThread: 'Alt+ArrowUp',
  renameThread: 'F2',
  focusNextRegion: 'F6',
  focusComposer: 'Mod+L',
  fontBigger: 'Mod+=',
  fontSmaller: 'Mod+-',
  fontReset: 'Mod+0',
} as const;

export function useFrameCommands(actions: FrameActions, options: { webMode: boolean }): void {
  const paused = useApp((s) => s.paused);
  const selected = useUi((s) => s.selectedThreadId);
  const panels = useUi((s) => s.panels);
  const theme = useResolvedTheme();

  const commands = useMemo<Command[]>(() => {
    const hasThread = selected !== null;
    const list: Command[] = [
      { id: 'palette.open', title: 'Show all commands', category: 'General', shortcut: SHORTCUTS.palette, alternateShortcuts: [SHORTCUTS.paletteAlt], keywords: 'palette help shortcuts keys', run: actions.openPalette },
      { id: 'thread.new', title: 'New thread', category: 'Thread', shortcut: SHORTCUTS.newThread, keywords: 'create start conversation', run: () => actions.newThread() },
      {
        id: 'thread.newWorktree',
        title: 'New thread in a worktree…',
        category: 'Thread',
        keywords: 'create start branch parallel isolated git worktree',
        run: () => actions.newWorktreeThread(),
      },
      { id: 'folder.add', title: 'Add folder…', category: 'Workspace', shortcut: SHORTCUTS.addFolder, keywords: 'open repository repo project workspace', run: actions.addFolder },
      { id: 'thread.next', title: 'Next thread', category: 'Thread', shortcut: SHORTCUTS.nextThread, run: () => actions.selectAdjacentThread(1) },
      { id: 'thread.previous', title: 'Previous thread', category: 'Thread', shortcut: SHORTCUTS.prevThread, run: () => actions.selectAdjacentThread(-1) },
      { id: 'thread.rename', title: 'Rename thread', category: 'Thread', shortcut: SHORTCUTS.renameThread, enabled: hasThread, run: () => actions.renameThread() },
      { id: 'thread.archive', title: 'Archive thread', category: 'Thread', enabled: hasThread, keywords: 'close hide remove', run: () => actions.archiveThread() },
      { id: 'view.sidebar', title: panels.sidebar.open ? 'Hide sidebar' : 'Show sidebar', category: 'View', shortcut: SHORTCUTS.toggleSidebar, keywords: 'toggle panel threads workspaces', run: () => actions.togglePanel('sidebar') },
      { id: 'view.review', title: panels.review.open ? 'Hide review panel' : 'Show review panel', category: 'View', shortcut: SHORTCUTS.toggleReview, keywords: 'toggle diff changes', run: () => actions.togglePanel('review') },
      { id: 'view.bottom', title: panels.bottom.open ? 'Hide terminal panel' : 'Show terminal panel', category: 'View', shortcut: SHORTCUTS.toggleBottom, alternateShortcuts: [SHORTCUTS.toggleBottomAlt], keywords: 'toggle terminals bottom', run: () => actions.togglePanel('bottom') },
      { id: 'focus.next', title: 'Focus next area', category: 'View', shortcut: SHORTCUTS.focusNextRegion, keywords: 'region pane cycle', run: () => cycleRegion() },
      { id: 'focus.composer', title: 'Focus message box', category: 'View', shortcut: SHORTCUTS.focusComposer, enabled: hasThread, keywords: 'composer input', run: () => actions.focus('composer') },
      { id: 'focus.sidebar', title: 'Focus sidebar', category: 'View', run: () => actions.focus('sidebar') },
      { id: 'settings.open', title: 'Open settings', category: 'Settings', shortcut: SHORTCUTS.settings, keywords: 'preferences options configure', run: () => actions.openSettings('model') },
      { id: 'settings.model', title: 'Set up model…', category: 'Settings', keywords: 'openai api key ollama lm studio provider base url', run: () => actions.openSettings('model') },
      { id: 'settings.hotkey', title: 'Change global hotkey…', category: 'Settings', keywords: 'shortcut quick ask', run: () => actions.openSettings('hotkey') },
      { id: 'theme.toggle', title: theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme', category: 'Appearance', keywords: 'toggle theme dark light mode colour color', run: () => actions.toggleTheme(theme) },
      { id: 'theme.system', title: 'Theme: follow system', category: 'Appearance', keywords: 'auto theme', run: () => actions.setTheme('system') },
      { id: 'font.bigger', title: 'Increase code font size', category: 'Appearance', shortcut: SHORTCUTS.fontBigger, keywords: 'zoom in terminal', run: () => actions.changeFontSize(1) },
      { id: 'font.smaller', title: 'Decrease code font size', category: 'Appearance', shortcut: SHORTCUTS.fontSmaller, keywords: 'zoom out terminal', run: () => actions.changeFontSize(-1) },
      { id: 'font.reset', title: 'Reset code font size', category: 'Appearance', shortcut: SHORTCUTS.fontReset, run: () => actions.changeFontSize('reset') },
      paused
        ? { id: 'suggestions.resume', title: 'Resume suggestions', category: 'Suggestions', keywords: 'unpause proactive', run: () => actions.setPaused(false) }
        : { id: 'suggestions.pause', title: 'Pause suggestions', category: 'Suggestions', keywords: 'stop quiet proactive do not disturb', run: () => actions.setPaused(true) },
    ];
    if (options.webMode) {
      // In the desktop app the global hotkey opens the quick-ask window; in a browser this page does it.
      list.splice(2, 0, { id: 'quickAsk.open', title: 'Quick ask', category: 'General', shortcut: SHORTCUTS.quickAsk, keywords: 'question hotkey ask', run: actions.openQuickAsk });
    }
    return list;
  }, [actions, options.webMode, paused, selected, panels, theme]);

  useRegisterCommands('frame', commands);
}

/** F6: move focus to the next open area of the window, like most desktop apps. */
function cycleRegion(): void {
  const regions = [...document.querySelectorAll<HTMLElement>('[data-region]')];
  if (regions.length === 0) return;
  const current = regions.findIndex((r) => r.contains(document.activeElement));
  const next = regions[(current + 1) % regions.length];
  if (!next) return;
  const target = next.querySelector<HTMLElement>('[data-region-focus]') ?? next;
  target.focus();
}
