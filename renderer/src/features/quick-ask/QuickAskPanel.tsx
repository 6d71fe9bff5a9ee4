/** In a browser there is no global hotkey: the main page shows quick ask as a panel over itself. */
import { useStores, useUi, useWorkspaces } from '../../stores/react';
import { Dialog } from '../../ui/Dialog';
import type { FrameActions } from '../shell/frame-actions';
import { QuickAsk } from './QuickAsk';

export function QuickAskPanel({ actions }: { actions: FrameActions }) {
  const open = useUi((s) => s.dialog?.kind === 'quickAsk');
  const { threads } = useStores();
  const workspaces = useWorkspaces((s) => s.list);
  const currentId = open ? actions.currentWorkspaceId() : null;
  const workspacePath = workspaces.find((w) => w.id === currentId)?.path;
  const continueInThread = (threadId: string) => {
    actions.closeDialog();
    void threads.getState().open(threadId);
    actions.openThread(threadId);
  };
  return (
    <Dialog open={open} onClose={actions.closeDialog} label="Quick ask" className="quick-ask-dialog">
      {open && (
        <QuickAsk
          layout="panel"
          onClose={actions.closeDialog}
          onOpenSettings={() => actions.openSettings('model')}
          onContinue={continueInThread}
          workspacePath={workspacePath}
        />
      )}
    </Dialog>
  );
}
