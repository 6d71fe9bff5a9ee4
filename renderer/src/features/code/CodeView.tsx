/**
 * The code view, in the centre of the main window: the folder's file tree beside the open file.
 * The header picks the folder (any of Tandem's folders, or one a link led to) and goes back to the
 * conversation.
 */
import { Icon } from '../../ui/Icon';
import { useMemo, useState } from 'react';
import { useWorkspaces } from '../../stores/react';
import { Button, IconButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Kbd } from '../../ui/Kbd';
import { FileViewer } from './FileViewer';
import { FileTree } from './FileTree';
import { useCode, useCodeFeature } from './use-code';

export const CODE_SHORTCUTS = {
  quickOpen: 'Mod+P',
  toggle: 'Mod+Shift+E',
} as const;

export function CodeView() {
  const feature = useCodeFeature();
  const root = useCode((s) => s.root);
  const target = useCode((s) => s.target);
  const workspaces = useWorkspaces((s) => s.list);
  const [reveals, setReveals] = useState(0);
  const state = feature.store.getState();
  const activeTarget = target && target.root === root ? target : null;

  const folders = useMemo(() => {
    const list = workspaces.map((w) => ({ path: w.path, name: w.name }));
    if (root && !list.some((f) => f.path === root)) list.push({ path: root, name: root.slice(root.lastIndexOf('/') + 1) || root });
    return list;
  }, [workspaces, root]);

  return (
    <section className="code-view" data-region="code" aria-label="Code">
      <header className="centre-header code-header">
        <Icon name="code" size={15} className="code-header-icon" />
        <label className="code-root-picker">
          <span className="visually-hidden">Folder</span>
          <select value={root ?? ''} onChange={(e) => e.target.value && state.setRoot(e.target.value)} aria-label="Folder">
            {!root && <option value="">Choose a folder</option>}
            {folders.map((f) => (
              <option key={f.path} value={f.path} title={f.path}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <div className="centre-header-title" />
        <div className="centre-header-actions">
          <Button size="sm" variant="ghost" icon="search" onClick={() => state.setQuickOpen(true)} disabled={!root} title="Go to file">
            Go to file <Kbd shortcut={CODE_SHORTCUTS.quickOpen} />
          </Button>
          {activeTarget && <IconButton icon="arrowRight" label="Reveal the open file in the tree" size="sm" onClick={() => setReveals((n) => n + 1)} />}
          <IconButton icon="close" label="Close code (back to the conversation)" shortcut={CODE_SHORTCUTS.toggle} onClick={() => state.hide()} />
        </div>
      </header>
      {!root ? (
        <div className="centre-empty">
          <EmptyState icon="folder" title="No folder to browse">
            <p>Add a folder to Tandem, then browse its code here.</p>
          </EmptyState>
        </div>
      ) : (
        <div className="code-body">
          <FileTree key={root} root={root} activePath={activeTarget?.path ?? null} revealKey={`${activeTarget?.seq ?? 0}:${reveals}`} onOpen={(p) => state.openFile(root, p)} />
          <div className="code-main">
            {activeTarget ? (
              <FileViewer key={`${activeTarget.root}\0${activeTarget.path}`} target={activeTarget} />
            ) : (
              <div className="centre-empty">
                <EmptyState icon="search" title="Open a file" compact>
                  <p>
                    Pick a file in the tree, or press <Kbd shortcut={CODE_SHORTCUTS.quickOpen} /> and type part of its name.
                  </p>
                  <p>Paths like src/app.ts:42 in terminals and messages open here at that line.</p>
                </EmptyState>
              </div>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
