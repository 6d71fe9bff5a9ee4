/**
 * What the main window can do, as plain functions over the stores. Commands, buttons and the palette all
 * call these, so a shortcut and a click always do the same thing. Failures become toasts.
 */
import { useMemo } from 'react';
import type { Settings, Theme } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import type { Stores } from '../../stores';
import { useStores } from '../../stores/react';
import type { PanelId, SettingsSection } from '../../stores/ui-store';
import { adjacentThread, groupThreads } from '../sidebar/tree-model';

export type FrameActions = ReturnType<typeof createFrameActions>;

export function createFrameActions(stores: Stores) {
  const ui = () => stores.ui.getState();
  const fail = (what: string, err: unknown) => stores.toasts.getState().show('error', `${what}: ${describeError(err)}`);

  /** The folder new threads go to: the selected thread's folder, else the first folder, else none. */
  const currentWorkspaceId = (): string | null => {
    const selected = ui().selectedThreadId;
    const thread = selected ? stores.threads.getState().byId[selected] : undefined;
    const workspaces = stores.workspaces.getState().list;
    if (thread?.workspaceId && workspaces.some((w) => w.id === thread.workspaceId)) return thread.workspaceId;
    return workspaces[0]?.id ?? null;
  };

  /** Files a worktree thread changed that are not in the user's checkout yet (0 when it cannot tell). */
  const unappliedFiles = async (id: string): Promise<number> => {
    try {
      const changes = await stores.client.invoke('threads.worktree.changes', { id });
      return changes.applied ? 0 : changes.files.length;
    } catch {
      return 0;
    }
  };

  const actions = {
    currentWorkspaceId,

    async newThread(workspaceId: string | null = currentWorkspaceId()) {
      try {
        const thread = await stores.threads.getState().create(workspaceId);
        ui().closeDialog();
        ui().selectThread(thread.id);
        ui().requestFocus('composer');
      } catch (err) {
        fail('Couldn’t create a thread', err);
      }
    },

    /** Asks where a new worktree thread's branch starts, then makes it (see NewWorktreeThreadDialog). */
    newWorktreeThread(workspaceId: string | null = currentWorkspaceId()) {
      ui().openDialog({ kind: 'newWorktreeThread', workspaceId });
    },

    openThread(id: string) {
      ui().selectThread(id);
    },

    selectAdjacentThread(delta: number) {
      const groups = groupThreads(stores.workspaces.getState().list, stores.threads.getState().byId);
      const next = adjacentThread(groups, ui().selectedThreadId, delta);
      if (next) ui().selectThread(next.id);
    },

    renameThread(id: string | null = ui().selectedThreadId) {
      if (id) ui().setRenaming(id);
    },

    async archiveThread(id: string | null = ui().selectedThreadId, options: { keepingUnappliedChanges?: boolean } = {}) {
      if (!id) return;
      const title = stores.threads.getState().byId[id]?.title ?? 'Thread';
      // Archiving a worktree thread deletes its worktree and branch: say so first when work would be lost.
      if (stores.threads.getState().byId[id]?.worktree && !options.keepingUnappliedChanges) {
        const unapplied = await unappliedFiles(id);
        if (unapplied > 0) {
          stores.toasts.getState().show(
            'error',
            `“${title}” has ${unapplied} changed ${unapplied === 1 ? 'file' : 'files'} not applied to your branch. Archiving deletes its worktree and branch.`,
            { label: 'Archive anyway', run: () => actions.archiveThread(id, { keepingUnappliedChanges: true }) },
          );
          return;
        }
      }
      try {
        const hadWorktree = stores.threads.getState().byId[id]?.worktree ?? null;
        if (ui().selectedThreadId === id) actions.selectAdjacentThread(1);
        await stores.threads.getState().archive(id);
        if (ui().selectedThreadId === id) ui().selectThread(null);
        // Its worktree and branch are gone: un-archiving would not bring them back, so no Undo.
        if (hadWorktree) {
          stores.toasts.getState().show('info', `Archived “${title}” and removed its worktree and branch ${hadWorktree.branch}`);
          return;
        }
        stores.toasts.getState().show('info', `Archived “${title}”`, {
          label: 'Undo',
          run: async () => {
            try {
              await stores.threads.getState().archive(id, false);
              ui().selectThread(id);
            } catch (err) {
              fail('Couldn’t restore the thread', err);
            }
          },
        });
      } catch (err) {
        fail('Couldn’t archive the thread', err);
      }
    },

    addFolder() {
      ui().closeDialog();
      ui().setPanelOpen('sidebar', true);
      ui().setAddingFolder(true);
    },

    async removeFolder(id: string) {
      const name = stores.workspaces.getState().list.find((w) => w.id === id)?.name ?? 'Folder';
      try {
        await stores.workspaces.getState().remove(id);
        stores.toasts.getState().show('info', `Removed ${name} from Tandem. The folder itself is untouched.`);
      } catch (err) {
        fail('Couldn’t remove the folder', err);
      }
    },

    togglePanel(id: PanelId) {
      ui().togglePanel(id);
    },

    focus(target: 'sidebar' | 'conversation' | 'composer' | 'review' | 'bottom') {
      if (target === 'sidebar' || target === 'review' || target === 'bottom') ui().setPanelOpen(target, true);
      ui().requestFocus(target);
    },

    openSettings(section: SettingsSection = 'model') {
      ui().openDialog({ kind: 'settings', section });
    },

    openPalette() {
      ui().openDialog({ kind: 'palette' });
    },

    openQuickAsk() {
      ui().openDialog({ kind: 'quickAsk' });
    },

    closeDialog() {
      ui().closeDialog();
    },

    async updateSettings(patch: Partial<Settings>) {
      try {
        await stores.settings.getState().update(patch);
      } catch (err) {
        fail('Couldn’t save the setting', err);
      }
    },

    setTheme(theme: Theme) {
      return actions.updateSettings({ theme });
    },

    /** Flips between light and dark from what is shown now (pinning the theme). */
    toggleTheme(current: 'light' | 'dark') {
      return actions.setTheme(current === 'dark' ? 'light' : 'dark');
    },

    changeFontSize(delta: number | 'reset') {
      const size = stores.settings.getState().settings?.fontSize ?? 13;
      const next = delta === 'reset' ? 13 : Math.min(32, Math.max(8, size + delta));
      if (next !== size) return actions.updateSettings({ fontSize: next });
    },

    async setPaused(paused: boolean) {
      try {
        await stores.app.getState().setPaused(paused);
        stores.toasts.getState().show('info', paused ? 'Suggestions paused. Tandem won’t surface anything until you resume.' : 'Suggestions resumed.');
      } catch (err) {
        fail(paused ? 'Couldn’t pause suggestions' : 'Couldn’t resume suggestions', err);
      }
    },
  };
  return actions;
}

export function useFrameActions(): FrameActions {
  const stores = useStores();
  return useMemo(() => createFrameActions(stores), [stores]);
}
