/**
 * Mod+P: type a few letters of a file name, Enter opens it. The core ranks every file of the folder
 * on each keystroke (name matches first, recent files up). "name:42" or "name:42:7" opens at that
 * line and column, as in editors.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { QuickOpenMatch } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores } from '../../stores/react';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { CodeIcon } from './code-icons';
import { splitLineSuffix } from './quick-open-query';
import { useCode, useCodeFeature } from './use-code';
import '../commands/palette.css';

const LIMIT = 50;

export function QuickOpenDialog({ root }: { root: string | null }) {
  const open = useCode((s) => s.quickOpen);
  const feature = useCodeFeature();
  const close = () => feature.store.getState().setQuickOpen(false);
  return (
    <Dialog open={open} onClose={close} label="Go to file" className="palette-dialog code-quick-open">
      {open && <QuickOpenBody root={root} onClose={close} />}
    </Dialog>
  );
}

function QuickOpenBody({ root, onClose }: { root: string | null; onClose(): void }) {
  const { client } = useStores();
  const feature = useCodeFeature();
  const recent = useCode((s) => (root ? s.recent[root] : undefined));
  const [input, setInput] = useState('');
  const [matches, setMatches] = useState<QuickOpenMatch[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();
  const { query, line, column } = splitLineSuffix(input);

  useEffect(() => {
    if (!root) return;
    const mine = ++seq.current;
    client.invoke('code.quickOpen', { root, query, limit: LIMIT, recent: (recent ?? []).slice(0, 100) }).then(
      (result) => {
        // Answers can overtake each other; only the latest query's counts.
        if (mine !== seq.current) return;
        setMatches(result.matches);
        setTotal(result.total);
        setError(null);
        setActive(0);
      },
      (err: unknown) => {
        if (mine === seq.current) setError(describeError(err));
      },
    );
  }, [client, root, query, recent]);

  const choose = (match: QuickOpenMatch | undefined) => {
    if (!match || !root) return;
    onClose();
    void feature.openCodeAt(match.path, line, column, { root });
  };

  const move = (index: number) => {
    if (matches.length === 0) return;
    const next = (index + matches.length) % matches.length;
    setActive(next);
    listRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        move(active + 1);
        break;
      case 'ArrowUp':
        move(active - 1);
        break;
      case 'PageDown':
        move(Math.min(matches.length - 1, active + 8));
        break;
      case 'PageUp':
        move(Math.max(0, active - 8));
        break;
      case 'Enter':
        choose(matches[active]);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const activeMatch = matches[active];
  return (
    <div className="palette">
      <div className="palette-input-row">
        <Icon name="search" size={16} />
        <input
          className="palette-input"
          autoFocus
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={root ? 'Go to file — name, or name:line' : 'Add a folder to browse its files'}
          disabled={!root}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={activeMatch ? `${listId}-${active}` : undefined}
          aria-autocomplete="list"
          aria-label="File name"
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <ul className="palette-list" id={listId} role="listbox" aria-label="Files" ref={listRef}>
        {error && (
          <li className="palette-empty" role="presentation">
            {error}
          </li>
        )}
        {!error && root && total !== null && matches.length === 0 && (
          <li className="palette-empty" role="presentation">
            {total === 0 ? 'This folder has no files.' : `No file matches “${query}”.`}
          </li>
        )}
        {matches.map((match, i) => {
          const slash = match.path.lastIndexOf('/');
          const name = match.path.slice(slash + 1);
          const dir = slash < 0 ? '' : match.path.slice(0, slash);
          return (
            <li
              key={match.path}
              id={`${listId}-${i}`}
              data-index={i}
              data-path={match.path}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'palette-item is-active' : 'palette-item'}
              onMouseMove={() => i !== active && setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(match)}
            >
              <CodeIcon name="file" size={15} className="palette-item-icon" />
              <span className="code-qo-name">
                <Marked text={name} positions={match.positions} offset={slash + 1} />
              </span>
              <span className="code-qo-dir truncate">
                <Marked text={dir} positions={match.positions} offset={0} />
              </span>
            </li>
          );
        })}
      </ul>
      <div className="palette-footer">
        <span>
          <Kbd shortcut="ArrowUp" /> <Kbd shortcut="ArrowDown" /> move
        </span>
        <span>
          <Kbd shortcut="Enter" /> open
        </span>
        <span>name:42 opens at line 42</span>
        {total !== null && <span className="code-qo-total">{total.toLocaleString()} files</span>}
      </div>
    </div>
  );
}

/** The text with the matched characters (positions in the whole path, shifted by `offset`) marked. */
function Marked({ text, positions, offset }: { text: string; positions: number[]; offset: number }) {
  const marks = new Set(positions.map((p) => p - offset).filter((p) => p >= 0 && p < text.length));
  if (marks.size === 0) return <>{text}</>;
  const out: ReactNode[] = [];
  let run = '';
  let marked = false;
  const flush = (key: number) => {
    if (!run) return;
    out.push(marked ? <mark key={key} className="palette-match">{run}</mark> : <span key={key}>{run}</span>);
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    const m = marks.has(i);
    if (m !== marked) {
      flush(i);
      marked = m;
    }
    run += text[i];
  }
  flush(text.length);
  return <>{out}</>;
}
