/**
 * "Add folder…": a path field in the sidebar. A text field works the same in the desktop app and in a
 * browser tab (which cannot see the server's disk); the core checks the path and says what is wrong.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeError } from '../../api/describe-error';
import { useApp, useStores } from '../../stores/react';
import { IconButton } from '../../ui/Button';

export function AddFolderForm({ onAdded }: { onAdded(workspaceId: string): void }) {
  const { ui, workspaces } = useStores();
  const webMode = useApp((s) => s.info?.mode === 'web');
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const close = () => ui.getState().setAddingFolder(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!path.trim()) {
      setError('Enter the full path of a folder, like ~/code/my-app');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ws = await workspaces.getState().add(path.trim());
      close();
      onAdded(ws.id);
    } catch (err) {
      setError(describeError(err));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-folder" onSubmit={submit} aria-label="Add folder">
      <div className="add-folder-row">
        <input
          ref={input}
          className="input input-sm mono"
          value={path}
          onChange={(e) => {
            setPath(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
          placeholder="~/code/my-app"
          aria-label="Folder path"
          aria-invalid={error ? true : undefined}
          aria-describedby="add-folder-help"
          spellCheck={false}
          autoComplete="off"
          disabled={busy}
        />
        <IconButton icon="close" size="sm" label="Cancel" onClick={close} />
      </div>
      <p id="add-folder-help" className={error ? 'add-folder-help is-error' : 'add-folder-help'} role={error ? 'alert' : undefined}>
        {error ?? (busy ? 'Adding…' : `Enter a folder’s full path${webMode ? ' on the machine running Tandem' : ''}, then press Enter.`)}
      </p>
    </form>
  );
}
