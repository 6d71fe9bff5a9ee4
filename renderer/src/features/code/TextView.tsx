/**
 * The read-only text viewer: only the lines on screen exist in the page (a 1,000,000-line file costs
 * what 60 lines cost), fetched in pages from the core and coloured by the shared highlighter in its
 * worker. Line numbers, line selection (click or shift-click a number), find in file (Mod+F), go to
 * line (Ctrl+G), and an on-demand blame column.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { CodeFileInfo } from '../../../../shared/contract';
import { useStores } from '../../stores/react';
import { IconButton } from '../../ui/Button';
import { isMac } from '../commands/platform';
import { highlightDocument, HighlightedLine, languageForPath, languageForShebang, type HighlightDocument, type HighlightTheme } from './highlight';
import { LineSource } from './line-source';
import { isLineVisible, scrollHeight, scrollTopFor, visibleWindow, type ScrollGeometry } from './scroll-math';
import { relativeAge, useBlame } from './use-blame';
import { matchAtOrAfter, useFind, useMarksByLine, type FindOptions } from './use-find';
import { copyText } from './use-code';

/** Lines rendered beyond the screen on each side, so fast scrolling shows text, not gaps. */
const OVERSCAN = 12;
/** Lines on each side of the screen the highlighter colours first. */
const HIGHLIGHT_MARGIN = 60;

export interface LineSelection {
  start: number;
  end: number;
}

export interface TextViewProps {
  root: string;
  path: string;
  info: CodeFileInfo;
  /** Where to go; a new `seq` goes there again. */
  target: { line: number | null; column: number | null; seq: number } | null;
  theme: HighlightTheme;
  fontSize: number;
  blame: boolean;
  selection: LineSelection | null;
  onSelect(selection: LineSelection | null): void;
  /** The file changed on disk while it was being read. */
  onStale(): void;
  /** Asks the header to show a short message ("Copied"). */
  onNotice(message: string): void;
}

export function TextView(props: TextViewProps) {
  const { root, path, info, target, theme, fontSize, blame, selection, onSelect, onStale, onNotice } = props;
  const { client } = useStores();
  const lineCount = info.lineCount ?? 0;
  const lineHeight = Math.round(fontSize * 1.6);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);
  const [findOpen, setFindOpen] = useState(false);
  const [gotoOpen, setGotoOpen] = useState(false);
  const anchor = useRef<number | null>(null);

  const onStaleRef = useRef(onStale);
  onStaleRef.current = onStale;
  const source = useMemo(
    () => new LineSource({ client, root, path, version: info.version, lineCount, onStale: () => onStaleRef.current() }),
    [client, root, path, info.version, lineCount],
  );
  useEffect(() => () => source.dispose(), [source]);
  const sourceRevision = useSyncExternalStore(
    useCallback((cb: () => void) => source.subscribe(cb), [source]),
    useCallback(() => source.revision, [source]),
  );

  // Colours, for files small enough: load every line, then hand them to the highlighter.
  const [lines, setLines] = useState<string[] | null>(null);
  useEffect(() => {
    setLines(null);
    if (!info.highlight || lineCount === 0) return;
    let cancelled = false;
    void source.loadAll().then((all) => {
      if (!cancelled && all.length === lineCount) setLines(all);
    });
    return () => {
      cancelled = true;
    };
  }, [source, info.highlight, lineCount]);
  const language = useMemo(() => languageForPath(path) ?? (lines?.[0] ? languageForShebang(lines[0]) : null), [path, lines]);
  const [doc, setDoc] = useState<HighlightDocument | null>(null);
  useEffect(() => {
    if (!lines || !language) {
      setDoc(null);
      return;
    }
    const d = highlightDocument(lines, language, theme);
    setDoc(d);
    return () => d.dispose();
  }, [lines, language, theme]);
  const [, setColourTick] = useState(0);
  useEffect(() => doc?.subscribe(() => setColourTick((t) => t + 1)), [doc]);

  const geometry: ScrollGeometry = useMemo(() => ({ lineCount, lineHeight, viewportHeight }), [lineCount, lineHeight, viewportHeight]);
  const win = visibleWindow(scrollTop, geometry);
  const first = Math.max(0, win.first - OVERSCAN);
  const end = Math.min(lineCount, win.end + OVERSCAN);

  useEffect(() => {
    if (viewportHeight > 0) source.ensure(win.first, win.end);
  }, [source, win.first, win.end, viewportHeight]);
  useEffect(() => {
    doc?.setViewport(Math.max(0, win.first - HIGHLIGHT_MARGIN), win.end + HIGHLIGHT_MARGIN);
  }, [doc, win.first, win.end]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewportHeight(el.clientHeight));
    observer.observe(el);
    setViewportHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  const scrollToLine = useCallback(
    (line: number, onlyIfHidden: boolean) => {
      const el = scroller.current;
      if (!el || viewportHeight === 0) return;
      const index = Math.min(Math.max(0, line - 1), Math.max(0, lineCount - 1));
      if (onlyIfHidden && isLineVisible(index, visibleWindow(el.scrollTop, geometry), geometry)) return;
      el.scrollTop = scrollTopFor(index, geometry);
      setScrollTop(el.scrollTop);
    },
    [geometry, lineCount, viewportHeight],
  );

  // Go to the target once the viewer knows its size; again whenever a new target comes.
  const handledSeq = useRef<number | null>(null);
  useEffect(() => {
    if (!target || viewportHeight === 0 || handledSeq.current === target.seq) return;
    handledSeq.current = target.seq;
    if (target.line) {
      scrollToLine(target.line, false);
      onSelect({ start: target.line, end: target.line });
    } else {
      const el = scroller.current;
      if (el) el.scrollTop = 0;
      setScrollTop(0);
    }
    scroller.current?.focus({ preventScroll: true });
  }, [target, viewportHeight, scrollToLine, onSelect]);

  // Find.
  const [query, setQuery] = useState('');
  const [findOptions, setFindOptions] = useState<FindOptions>({ caseSensitive: false, regex: false, wholeWord: false });
  const found = useFind(client, root, path, info.version, query, findOptions, findOpen);
  const [current, setCurrent] = useState(-1);
  // Read (not watched) when new results arrive: they start at the selection or the top of the screen.
  const findFrom = useRef(1);
  findFrom.current = selection?.start ?? win.first + 1;
  useEffect(() => {
    setCurrent(found.matches.length === 0 ? -1 : matchAtOrAfter(found.matches, findFrom.current));
  }, [found.matches]);
  const marks = useMarksByLine(found.matches, current);
  const goToMatch = (delta: number) => {
    const n = found.matches.length;
    if (n === 0) return;
    const next = current < 0 ? 0 : (current + delta + n) % n;
    setCurrent(next);
    const m = found.matches[next]!;
    scrollToLine(m.line, true);
    onSelect({ start: m.line, end: m.line });
  };

  const blameState = useBlame(client, blame, root, path, info.version, first, end);
  // A file without history (new, untracked) says why once, in a banner, instead of an empty column.
  const showBlame = blame && !blameState.error;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const mod = isMac ? e.metaKey : e.ctrlKey;
    if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f') {
      setFindOpen(true);
    } else if (e.ctrlKey && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'g') {
      setGotoOpen(true);
    } else if (e.key === 'Escape' && (findOpen || gotoOpen)) {
      setFindOpen(false);
      setGotoOpen(false);
    } else if (mod && e.key.toLowerCase() === 'c' && selection && !window.getSelection()?.toString()) {
      // No text selected, but lines are: copy those lines.
      const text: string[] = [];
      for (let n = selection.start; n <= selection.end; n++) text.push(source.get(n - 1) ?? '');
      void copyText(text.join('\n')).then((ok) => onNotice(ok ? `Copied ${text.length === 1 ? 'the line' : `${text.length} lines`}` : 'Copying needs a secure page'));
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const selectLine = (line: number, extend: boolean) => {
    if (extend && anchor.current !== null) {
      onSelect({ start: Math.min(anchor.current, line), end: Math.max(anchor.current, line) });
    } else {
      anchor.current = line;
      onSelect({ start: line, end: line });
    }
  };

  const gutterDigits = Math.max(3, String(lineCount).length);
  const rows = [];
  for (let i = first; i < end; i++) {
    const n = i + 1;
    const text = source.get(i);
    const selected = selection !== null && n >= selection.start && n <= selection.end;
    const commitId = showBlame ? blameState.lines.get(n) : undefined;
    const commit = commitId ? blameState.commits.get(commitId) : undefined;
    const firstOfRun = commitId !== undefined && blameState.lines.get(n - 1) !== commitId;
    rows.push(
      <div key={i} className={selected ? 'code-line is-selected' : 'code-line'} data-line={n} style={{ height: lineHeight }}>
        <span
          className="code-gutter"
          style={{ width: `${gutterDigits + 2}ch` }}
          onMouseDown={(e) => {
            e.preventDefault();
            scroller.current?.focus({ preventScroll: true });
            selectLine(n, e.shiftKey);
          }}
        >
          {n}
        </span>
        {showBlame && (
          <span className="code-blame" title={commit ? `${commit.summary}\n${commit.author} <${commit.authorEmail}>\n${new Date(commit.authorTime).toLocaleString()}\n${commit.id}` : undefined}>
            {commit && firstOfRun ? (
              <>
                <span className="code-blame-id">{commit.id.startsWith('0000000') ? '' : commit.id.slice(0, 7)}</span>
                <span className="code-blame-author truncate">{commit.id.startsWith('0000000') ? 'Not committed yet' : commit.author}</span>
                <span className="code-blame-age">{commit.id.startsWith('0000000') ? '' : relativeAge(commit.authorTime)}</span>
              </>
            ) : null}
          </span>
        )}
        <span className={text === undefined ? 'code-text is-loading' : 'code-text'}>
          {text === undefined ? '' : <HighlightedLine text={text} tokens={doc?.line(i) ?? null} marks={marks.get(n)} />}
          {source.isCut(i) && <span className="code-cut"> … line cut at {(text ?? '').length.toLocaleString()} characters</span>}
        </span>
      </div>,
    );
  }

  const offsetTop = scrollTop + win.offsetPx - (win.first - first) * lineHeight;

  return (
    <div className="code-text-view" onKeyDown={onKeyDown}>
      {findOpen && (
        <FindBar
          query={query}
          options={findOptions}
          count={found.matches.length}
          current={current}
          limited={found.limited}
          error={found.error}
          searching={found.searching}
          onQuery={setQuery}
          onOptions={setFindOptions}
          onNext={() => goToMatch(1)}
          onPrevious={() => goToMatch(-1)}
          onClose={() => {
            setFindOpen(false);
            scroller.current?.focus({ preventScroll: true });
          }}
        />
      )}
      {gotoOpen && (
        <GoToLine
          lineCount={lineCount}
          onGo={(line) => {
            setGotoOpen(false);
            scrollToLine(line, false);
            onSelect({ start: line, end: line });
            scroller.current?.focus({ preventScroll: true });
          }}
          onClose={() => {
            setGotoOpen(false);
            scroller.current?.focus({ preventScroll: true });
          }}
        />
      )}
      {blame && blameState.error && <div className="code-banner">Blame: {blameState.error}</div>}
      {source.error && <div className="code-banner code-banner-danger">{source.error}</div>}
      <div
        ref={scroller}
        className="code-scroll"
        tabIndex={0}
        role="region"
        aria-label={`${path}, ${lineCount.toLocaleString()} lines`}
        data-revision={sourceRevision}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        style={{ fontSize, lineHeight: `${lineHeight}px` }}
      >
        <div className="code-spacer" style={{ height: scrollHeight(geometry) }} />
        <div className="code-window" style={{ transform: `translateY(${offsetTop}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}

function FindBar(props: {
  query: string;
  options: FindOptions;
  count: number;
  current: number;
  limited: boolean;
  error: string | null;
  searching: boolean;
  onQuery(q: string): void;
  onOptions(o: FindOptions): void;
  onNext(): void;
  onPrevious(): void;
  onClose(): void;
}) {
  const { query, options, count, current, limited, error, searching } = props;
  const status = error
    ? error
    : query === ''
      ? ''
      : searching
        ? '…'
        : count === 0
          ? 'No results'
          : `${current + 1} of ${count.toLocaleString()}${limited ? '+' : ''}`;
  const toggle = (key: keyof FindOptions, label: string, text: string) => (
    <button type="button" className={options[key] ? 'code-find-option is-on' : 'code-find-option'} aria-pressed={options[key]} title={label} onClick={() => props.onOptions({ ...options, [key]: !options[key] })}>
      {text}
    </button>
  );
  return (
    <div className="code-find" role="search">
      <input
        className="code-find-input"
        autoFocus
        value={query}
        placeholder="Find in file"
        aria-label="Find in file"
        spellCheck={false}
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            if (e.shiftKey) props.onPrevious();
            else props.onNext();
          } else if (e.key === 'Escape') {
            props.onClose();
          } else {
            return;
          }
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      {toggle('caseSensitive', 'Match case', 'Aa')}
      {toggle('wholeWord', 'Whole word', 'ab')}
      {toggle('regex', 'Regular expression', '.*')}
      <span className={error ? 'code-find-status is-error' : 'code-find-status'} aria-live="polite">
        {status}
      </span>
      <IconButton icon="arrowUp" size="sm" label="Previous match (Shift+Enter)" onClick={props.onPrevious} disabled={count === 0} />
      <IconButton icon="arrowUp" size="sm" className="code-find-down" label="Next match (Enter)" onClick={props.onNext} disabled={count === 0} />
      <IconButton icon="close" size="sm" label="Close find (Esc)" onClick={props.onClose} />
    </div>
  );
}

function GoToLine({ lineCount, onGo, onClose }: { lineCount: number; onGo(line: number): void; onClose(): void }) {
  const [value, setValue] = useState('');
  const line = Number(value);
  const valid = Number.isInteger(line) && line >= 1 && line <= lineCount;
  return (
    <div className="code-find" role="dialog" aria-label="Go to line">
      <input
        className="code-find-input"
        autoFocus
        inputMode="numeric"
        value={value}
        placeholder={`Go to line (1–${lineCount.toLocaleString()})`}
        aria-label="Line number"
        onChange={(e) => setValue(e.target.value.replace(/[^\d]/g, ''))}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && valid) onGo(line);
          else if (e.key === 'Escape') onClose();
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      <span className="code-find-status">{value && !valid ? `1–${lineCount.toLocaleString()}` : ''}</span>
      <IconButton icon="close" size="sm" label="Close (Esc)" onClick={onClose} />
    </div>
  );
}
