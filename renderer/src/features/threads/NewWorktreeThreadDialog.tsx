/**
 * "New thread in a worktree": the thread gets its own git worktree and branch, started from HEAD or from
 * the branch, tag or commit typed here. Enter creates it; a base git does not know is said in place.
 */
import { useEffect, useState } from 'react';
import { describeError } from '../../api/describe-error';
import { useStores, useUi, useWorkspaces } from '../../stores/react';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';

export function NewWorktreeThreadDialog() {
  const { ui, threads } = useStores();
  const dialog = useUi((s) => s.dialog);
  const open = dialog?.kind === 'newWorktreeThread';
  const workspaceId = open ? dialog.workspaceId : null;
  const workspace = useWorkspaces((s) => s.list.find((w) => w.id === workspaceId) ?? null);
  const [base, setBase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setBase('');
    setError(null);
  }, [open]);

  const close = () => ui.getState().closeDialog();
  const create = async () => {
    if (!workspace) return;
    setBusy(true);
    setError(null);
    try {
      const name = base.trim();
      const thread = await threads.getState().create(workspace.id, undefined, name ? { mode: 'worktree', base: name } : { mode: 'worktree' });
      close();
      ui.getState().selectThread(thread.id);
      ui.getState().requestFocus('composer');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} label="New thread in a worktree" className="worktree-dialog">
      <form
        className="worktree-dialog-body"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h1 className="worktree-dialog-title">New thread in a worktree</h1>
        {!workspace ? (
          <p className="worktree-dialog-text">Add a project folder first: a worktree thread works on its own branch of a git repository.</p>
        ) : !workspace.isGit ? (
          <p className="worktree-dialog-text">{workspace.name} is not a git repository, so a thread cannot get its own worktree there.</p>
        ) : (
          <>
            <p className="worktree-dialog-text">
              The thread works in its own copy of <strong>{workspace.name}</strong> on a new branch, so it can run beside other threads without touching your
              files. Bring its changes over with “Apply to my branch”.
            </p>
            <Field label="Start from" hint="A branch, tag or commit. Empty: your current HEAD." error={error}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  className="input mono"
                  value={base}
                  placeholder="HEAD"
                  autoFocus
                  spellCheck={false}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(e) => setBase(e.target.value)}
                />
              )}
            </Field>
          </>
        )}
        <div className="worktree-dialog-actions">
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" icon="branch" busy={busy} disabled={!workspace?.isGit}>
            Create thread
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
