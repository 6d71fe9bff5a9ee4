/**
 * One open file: its header (path, size, what it is, actions) over the right view for its kind —
 * the text viewer, an image, or a plain message for binary and too-large files. Reloads when the
 * file changes on disk; says so when it is deleted.
 */
import { Icon } from '../../ui/Icon';
import { useCallback, useEffect, useState } from 'react';
import { formatCodeReference } from '../../../../shared/code-links';
import type { CodeFileInfo, CodeImage } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useSettings, useStores } from '../../stores/react';
import { Button, IconButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { useResolvedTheme } from '../theme/use-theme';
import { terminalsFeatureFor } from '../terminals/use-terminals-feature';
import type { CodeTarget } from './code-store';
import { TextView, type LineSelection } from './TextView';
import { copyText } from './use-code';

type Loaded = { state: 'loading' } | { state: 'error'; message: string; missing: boolean } | { state: 'ready'; info: CodeFileInfo };

export function FileViewer({ target }: { target: CodeTarget }) {
  const { client, ui } = useStores();
  const theme = useResolvedTheme();
  const fontSize = useSettings((s) => s.settings?.fontSize ?? 13);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [reload, setReload] = useState(0);
  const [blame, setBlame] = useState(false);
  const [selection, setSelection] = useState<LineSelection | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { root, path } = target;

  useEffect(() => {
    let cancelled = false;
    setLoaded((l) => (l.state === 'ready' && l.info.path === path && l.info.root === root ? l : { state: 'loading' }));
    client.invoke('code.stat', { root, path }).then(
      (info) => !cancelled && setLoaded({ state: 'ready', info }),
      (err: unknown) => !cancelled && setLoaded({ state: 'error', message: describeError(err), missing: /does not exist/.test(describeError(err)) }),
    );
    return () => {
      cancelled = true;
    };
  }, [client, root, path, reload]);

  useEffect(() => setSelection(null), [root, path]);

  // The file changed or moved on disk: read it again.
  useEffect(
    () =>
      client.on('code.changed', (change) => {
        if (change.root !== root) return;
        const touched = change.overflow || change.changed.includes(path) || change.created.includes(path) || change.deleted.includes(path) || change.renamed.some((r) => r.from === path || r.to === path);
        if (touched) setReload((n) => n + 1);
      }),
    [client, root, path],
  );

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 2000);
    return () => clearTimeout(timer);
  }, [notice]);

  const reference = formatCodeReference(path, selection ? selection.start : null) + (selection && selection.end > selection.start ? `-${selection.end}` : '');

  const openInEditor = useCallback(async () => {
    try {
      const opened = await client.invoke('code.openInEditor', { root, path, ...(selection ? { line: selection.start } : target.line ? { line: target.line } : {}), ...(target.column && !selection ? { column: target.column } : {}) });
      if (opened.kind === 'terminal') {
        // A terminal editor (vim, nano, …): run it in a Tandem terminal.
        const info = await client.invoke('terminal.create', { shell: opened.shell, args: opened.args, cwd: opened.cwd, label: opened.label });
        ui.getState().setPanelOpen('bottom', true);
        showTerminalTab(terminalsFeatureFor(client).store, info.id);
        setNotice(`Opened in ${opened.label.split(' ')[0]} in a terminal`);
      } else {
        setNotice(`Opened: ${opened.command}`);
      }
    } catch (err) {
      setNotice(describeError(err));
    }
  }, [client, ui, root, path, selection, target.line, target.column]);

  const info = loaded.state === 'ready' ? loaded.info : null;
  const segments = path.split('/');

  return (
    <div className="code-file" data-path={path}>
      <div className="code-file-header">
        <nav className="code-breadcrumbs truncate" aria-label="File path" title={path}>
          {segments.map((segment, i) => (
            <span key={i} className={i === segments.length - 1 ? 'code-crumb is-last' : 'code-crumb'}>
              {segment}
            </span>
          ))}
        </nav>
        {info && <span className="code-file-meta">{describeFile(info)}</span>}
        {notice && (
          <span className="code-file-notice" role="status">
            {notice}
          </span>
        )}
        <div className="code-file-actions">
          {info?.kind === 'text' && (
            <IconButton icon="user" size="sm" label={blame ? 'Hide blame' : 'Blame: who changed each line'} active={blame} onClick={() => setBlame((b) => !b)} />
          )}
          <button
            type="button"
            className="icon-btn icon-btn-sm"
            title={`Copy ${reference}`}
            aria-label={`Copy ${reference}`}
            onClick={() => void copyText(reference).then((ok) => setNotice(ok ? `Copied ${reference}` : 'Copying needs a secure page'))}
          >
            <Icon name="copy" size={14} />
          </button>
          <button type="button" className="icon-btn icon-btn-sm" title="Open in my editor" aria-label="Open in my editor" onClick={() => void openInEditor()}>
            <Icon name="external" size={14} />
          </button>
        </div>
      </div>
      {info?.highlightNote && info.kind === 'text' && <div className="code-banner">{info.highlightNote}</div>}
      {info?.lossy && <div className="code-banner">This file is not valid UTF-8; characters that could not be read show as �.</div>}
      {info?.longLines && <div className="code-banner">Some lines are very long (minified?); they are cut in this view.</div>}
      <div className="code-file-body">
        {loaded.state === 'loading' && <div className="code-placeholder">Opening {path}…</div>}
        {loaded.state === 'error' && (
          <EmptyState icon="alert" title={loaded.missing ? 'This file is gone' : 'Could not open this file'} compact>
            <p>{loaded.message}</p>
          </EmptyState>
        )}
        {info?.kind === 'text' && (
          <TextView
            key={`${root}\0${path}`}
            root={root}
            path={path}
            info={info}
            target={target}
            theme={theme}
            fontSize={fontSize}
            blame={blame}
            selection={selection}
            onSelect={setSelection}
            onStale={() => setReload((n) => n + 1)}
            onNotice={setNotice}
          />
        )}
        {info?.kind === 'image' && <ImageView root={root} path={path} version={info.version} />}
        {info?.kind === 'binary' && (
          <EmptyState icon="cube" title="Binary file" compact actions={<Button onClick={() => void openInEditor()}>Open in my editor</Button>}>
            <p>
              {path} is a binary file ({formatSize(info.size)}). It is not shown as text.
            </p>
          </EmptyState>
        )}
        {info?.kind === 'tooLarge' && (
          <EmptyState icon="alert" title="File too large to show" compact actions={<Button onClick={() => void openInEditor()}>Open in my editor</Button>}>
            <p>{info.highlightNote}</p>
          </EmptyState>
        )}
      </div>
    </div>
  );
}

function ImageView({ root, path, version }: { root: string; path: string; version: string }) {
  const { client } = useStores();
  const [image, setImage] = useState<CodeImage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  useEffect(() => {
    let cancelled = false;
    setImage(null);
    setError(null);
    client.invoke('code.image', { root, path }).then(
      (img) => !cancelled && setImage(img),
      (err: unknown) => !cancelled && setError(describeError(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [client, root, path, version]);
  if (error) {
    return (
      <EmptyState icon="alert" title="Image not shown" compact>
        <p>{error}</p>
      </EmptyState>
    );
  }
  if (!image) return <div className="code-placeholder">Loading image…</div>;
  return (
    <div className="code-image">
      <img src={image.dataUrl} alt={path} onLoad={(e) => setSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })} />
      <div className="code-image-meta">
        {size ? `${size.w} × ${size.h} px · ` : ''}
        {formatSize(image.size)} · {image.mime}
      </div>
    </div>
  );
}

/** Brings a terminal's tab to the front once the terminal panel knows it (its event may come later). */
export function showTerminalTab(store: ReturnType<typeof terminalsFeatureFor>['store'], terminalId: string): void {
  const select = () => {
    const tab = store.getState().layout.tabs.find((t) => t.panes.includes(terminalId));
    if (tab) store.getState().selectTab(tab.id);
    return tab !== undefined;
  };
  if (select()) return;
  const off = store.subscribe(() => {
    if (select()) off();
  });
  setTimeout(off, 3000);
}

function describeFile(info: CodeFileInfo): string {
  if (info.kind === 'text') return `${(info.lineCount ?? 0).toLocaleString()} lines · ${formatSize(info.size)}${info.eol === 'crlf' ? ' · CRLF' : ''}`;
  return formatSize(info.size);
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  return `${(n / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}
