/**
 * The diff itself: file headers, hunk headers with their actions, lines (unified) or line pairs
 * (split), notes and comments, as fixed-height virtual rows. Click a line number to choose a line
 * for a line action or a comment; Shift+click chooses a range.
 *
 * Keys (when the diff has focus): ] / [ next and previous file, j / k next and previous hunk,
 * n / p next and previous AI review finding, v marks the current file viewed, x folds or unfolds it,
 * o opens it in the editor.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { diffLineId, type DiffFile, type DiffHunk, type DiffLine, type ReviewComment, type ReviewDiff } from '../../../../shared/contract';
import { Icon } from '../../ui/Icon';
import { HighlightedLine } from '../code/highlight';
import { useResolvedTheme } from '../theme/use-theme';
import { unifiedSide } from './diff-colour-ranges';
import { createDiffColours, type DiffColours } from './diff-colours';
import { pendingFilesIn, type DiffLayout, type DiffMode, type DiffRow } from './diff-rows';
import { changedChosen, lineIdsBetween, type HunkActionKind } from './review-store';
import { VirtualRows, type VirtualRowsHandle } from './VirtualRows';

export interface DiffViewHandle {
  showFile(fileIndex: number): void;
  showRow(row: number): void;
  focus(): void;
}

export interface DiffViewProps {
  diff: ReviewDiff;
  layout: DiffLayout;
  mode: DiffMode;
  rowHeight: number;
  comments: readonly ReviewComment[];
  chosen: Readonly<Record<string, readonly string[]>>;
  busy: string | null;
  collapsed: ReadonlySet<string>;
  isViewed(file: DiffFile): boolean;
  onToggleCollapsed(fileId: string): void;
  onToggleViewed(file: DiffFile): void;
  onChoose(hunkId: string, lineIds: readonly string[] | null): void;
  onHunkAction(action: HunkActionKind, file: DiffFile, hunk: DiffHunk): void;
  onFileAction(action: HunkActionKind, file: DiffFile): void;
  onComment(file: DiffFile, hunk: DiffHunk): void;
  onRemoveComment(id: string): void;
  onOpen(path: string, line?: number): void;
  /** `<fileId>:o12` / `<fileId>:n15` → priority of the most urgent open finding on that line. */
  findingMarks?: ReadonlyMap<string, number>;
  /** n / p: move to the next or previous finding. */
  onFindingKey?(direction: 1 | -1): void;
  /** Files near the screen whose hunks have not arrived yet (DiffFile.pending). */
  onLoadFiles?(files: DiffFile[]): void;
}

/** A row's syntax tokens: the line's (unified), or the left and right cells' (split). */
type RowTokens = readonly [readonly number[] | null, readonly number[] | null];
const NO_TOKENS: RowTokens = [null, null];
/** Drawn rows kept for reuse; more than a few screens' worth is dropped. */
const MAX_CACHED_ROWS = 600;
/** Pending files this many rows above or below the screen are loaded too, so a scroll finds them ready. */
const LOAD_MARGIN_ROWS = 400;

const STATUS_WORDS: Record<string, string> = { A: 'Added', M: 'Modified', D: 'Deleted', R: 'Renamed', C: 'Copied', T: 'Type changed', U: 'Conflict' };

export const DiffView = forwardRef<DiffViewHandle, DiffViewProps>(function DiffView(props, ref) {
  const { diff, layout, mode, rowHeight } = props;
  const list = useRef<VirtualRowsHandle>(null);
  /** The last line clicked, for Shift+click ranges. */
  const anchor = useRef<{ hunkId: string; line: number } | null>(null);
  const colours = useDiffColours(diff, layout);

  useImperativeHandle(ref, () => ({
    showFile: (f) => list.current?.scrollToRow(layout.fileRows[f] ?? 0),
    showRow: (r) => list.current?.scrollToRow(r),
    focus: () => list.current?.focus(),
  }));

  const currentFile = (): number => {
    const top = list.current?.firstVisibleRow() ?? 0;
    let file = 0;
    for (let f = 0; f < layout.fileRows.length && layout.fileRows[f]! <= top; f++) file = f;
    return file;
  };
  const jump = (targets: number[], direction: 1 | -1) => {
    const top = list.current?.firstVisibleRow() ?? 0;
    const next = direction > 0 ? targets.find((r) => r > top) : [...targets].reverse().find((r) => r < top);
    if (next !== undefined) list.current?.scrollToRow(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.metaKey || e.ctrlKey || e.altKey || e.target !== e.currentTarget) return;
    const file = diff.files[currentFile()];
    const handled = (() => {
      switch (e.key) {
        case ']':
          jump(layout.fileRows, 1);
          return true;
        case '[':
          jump(layout.fileRows, -1);
          return true;
        case 'j':
          jump(layout.hunkRows, 1);
          return true;
        case 'k':
          jump(layout.hunkRows, -1);
          return true;
        case 'n':
        case 'p':
          props.onFindingKey?.(e.key === 'n' ? 1 : -1);
          return !!props.onFindingKey;
        case 'v':
          if (file) props.onToggleViewed(file);
          return !!file;
        case 'x':
          if (file) props.onToggleCollapsed(file.id);
          return !!file;
        case 'o':
          if (file) props.onOpen(file.path);
          return !!file;
        default:
          return false;
      }
    })();
    if (handled) e.preventDefault();
  };

  const chooseLine = (e: MouseEvent, file: DiffFile, hunk: DiffHunk, index: number) => {
    const line = hunk.lines[index];
    if (!line) return;
    const current = new Set(props.chosen[hunk.id] ?? []);
    const id = diffLineId(file.id, line);
    if (e.shiftKey && anchor.current?.hunkId === hunk.id) {
      for (const lineId of lineIdsBetween(file, hunk, anchor.current.line, index)) current.add(lineId);
    } else if (!current.delete(id)) {
      current.add(id);
    }
    anchor.current = { hunkId: hunk.id, line: index };
    props.onChoose(hunk.id, [...current]);
  };

  // Rows already drawn are handed back as the same element while nothing they show has changed, so a
  // scroll frame renders only the rows that came into view (React skips an identical element). What a
  // row shows comes from the props (a new `generation` — every prop a row reads — drops every cached
  // row) and its tokens.
  const generation = useMemo(
    () => ({}),
    [diff, layout, mode, rowHeight, props.comments, props.chosen, props.busy, props.collapsed, props.isViewed, props.findingMarks, props.onToggleCollapsed, props.onToggleViewed, props.onChoose, props.onHunkAction, props.onFileAction, props.onComment, props.onRemoveComment, props.onOpen],
  );
  const rowCache = useRef<{ generation: object; rows: Map<number, { tokens: RowTokens; element: ReactNode }> }>({ generation, rows: new Map() });
  if (rowCache.current.generation !== generation) rowCache.current = { generation, rows: new Map() };

  const rowTokens = (row: DiffRow): RowTokens => {
    const c = colours.current;
    if (!c) return NO_TOKENS;
    if (row.kind === 'line') {
      const line = diff.files[row.file]!.hunks[row.hunk]!.lines[row.line]!;
      return [c.line(row.file, row.hunk, row.line, unifiedSide(line.kind)), null];
    }
    if (row.kind === 'pair') return [row.left >= 0 ? c.line(row.file, row.hunk, row.left, 'old') : null, row.right >= 0 ? c.line(row.file, row.hunk, row.right, 'new') : null];
    return NO_TOKENS;
  };

  // Files whose hunks have not arrived are asked for as they come near the screen.
  const { onLoadFiles } = props;
  const showColours = colours.show;
  const onRangeChange = useCallback(
    (first: number, end: number) => {
      showColours(first, end);
      const near = pendingFilesIn(layout, first - LOAD_MARGIN_ROWS, end + LOAD_MARGIN_ROWS);
      if (near.length) onLoadFiles?.(near.map((f) => diff.files[f]!));
    },
    [showColours, layout, diff, onLoadFiles],
  );

  const renderRow = (index: number) => {
    const row = layout.rows[index]!;
    const tokens = rowTokens(row);
    const cached = rowCache.current.rows.get(index);
    if (cached && cached.tokens[0] === tokens[0] && cached.tokens[1] === tokens[1]) return cached.element;
    const file = diff.files[row.file]!;
    const element = (
      <div key={index} className={`diff-row diff-row-${row.kind}`} style={{ height: rowHeight }}>
        {renderContent(row, file, tokens)}
      </div>
    );
    if (rowCache.current.rows.size > MAX_CACHED_ROWS) rowCache.current.rows.clear();
    rowCache.current.rows.set(index, { tokens, element });
    return element;
  };

  const renderContent = (row: DiffRow, file: DiffFile, tokens: RowTokens) => {
    switch (row.kind) {
      case 'file':
        return <FileHeader file={file} {...props} />;
      case 'note':
        return <span className="diff-note">{row.text}</span>;
      case 'hunk':
        return <HunkHeader file={file} hunk={file.hunks[row.hunk]!} {...props} />;
      case 'line': {
        const hunk = file.hunks[row.hunk]!;
        const line = hunk.lines[row.line]!;
        return (
          <LineCells
            line={line}
            tokens={tokens[0]}
            chosen={isChosen(props.chosen, file, hunk, line)}
            finding={props.findingMarks?.get(diffLineId(file.id, line))}
            onNumberClick={(e) => chooseLine(e, file, hunk, row.line)}
            onDoubleClick={() => props.onOpen(file.path, line.newNo ?? line.oldNo ?? undefined)}
            mode="unified"
          />
        );
      }
      case 'pair': {
        const hunk = file.hunks[row.hunk]!;
        const cell = (i: number, side: 'left' | 'right') => {
          const line = i >= 0 ? hunk.lines[i]! : null;
          if (!line) return <div className={`diff-cell diff-cell-${side} is-empty`} />;
          return (
            <div className={`diff-cell diff-cell-${side}`}>
              <LineCells
                line={line}
                side={side}
                tokens={side === 'left' ? tokens[0] : tokens[1]}
                chosen={isChosen(props.chosen, file, hunk, line)}
                finding={props.findingMarks?.get(diffLineId(file.id, line))}
                onNumberClick={(e) => chooseLine(e, file, hunk, i)}
                onDoubleClick={() => props.onOpen(file.path, line.newNo ?? line.oldNo ?? undefined)}
                mode="split"
              />
            </div>
          );
        };
        return (
          <>
            {cell(row.left, 'left')}
            {cell(row.right, 'right')}
          </>
        );
      }
      case 'pending':
        return <div className="diff-pending" aria-hidden="true" />;
      case 'comment': {
        const c = props.comments[row.comment]!;
        const range = c.startLine === c.endLine ? `line ${c.startLine}` : `lines ${c.startLine}–${c.endLine}`;
        return (
          <div className={`diff-comment${row.outdated ? ' is-outdated' : ''}`} title={c.body}>
            <Icon name="thread" size={13} />
            <span className="diff-comment-where">
              {row.outdated ? 'Outdated · ' : ''}
              {c.side === 'old' ? 'old ' : ''}
              {range}
            </span>
            <span className="diff-comment-body">{c.body}</span>
            <button type="button" className="diff-link" onClick={() => props.onRemoveComment(c.id)} aria-label={`Delete comment on ${range}`}>
              Delete
            </button>
          </div>
        );
      }
    }
  };

  return (
    <VirtualRows
      ref={list}
      count={layout.rows.length}
      rowHeight={rowHeight}
      renderRow={renderRow}
      className={`diff-view diff-view-${mode}`}
      label={`Diff: ${diff.title}`}
      onKeyDown={onKeyDown}
      onRangeChange={onRangeChange}
    />
  );
});

function isChosen(chosen: DiffViewProps['chosen'], file: DiffFile, hunk: DiffHunk, line: DiffLine): boolean {
  const ids = chosen[hunk.id];
  return !!ids && ids.includes(diffLineId(file.id, line));
}

/**
 * The diff's colours (diff-colours.ts) for the current theme: told which rows are on screen, and
 * re-rendering the view when tokens arrive. The text is drawn plain until then.
 */
function useDiffColours(diff: ReviewDiff, layout: DiffLayout): { current: DiffColours | null; show(first: number, end: number): void } {
  const theme = useResolvedTheme();
  const [colours, setColours] = useState<DiffColours | null>(null);
  const [, setTick] = useState(0);
  const range = useRef<[number, number]>([0, 0]);
  useEffect(() => {
    const made = createDiffColours(theme);
    const off = made.subscribe(() => setTick((t) => t + 1));
    setColours(made);
    return () => {
      off();
      made.dispose();
    };
  }, [theme]);
  useEffect(() => {
    if (!colours) return;
    colours.setDiff(diff);
    colours.show(layout, range.current[0], range.current[1]);
  }, [colours, diff, layout]);
  const show = useCallback(
    (first: number, end: number) => {
      range.current = [first, end];
      colours?.show(layout, first, end);
    },
    [colours, layout],
  );
  return { current: colours, show };
}

function LineCells({
  line,
  tokens,
  chosen,
  finding,
  mode,
  side,
  onNumberClick,
  onDoubleClick,
}: {
  line: DiffLine;
  /** Syntax colours of the line, or null while it is plain. */
  tokens: readonly number[] | null;
  chosen: boolean;
  /** Priority of a finding on this line, when there is one. */
  finding?: number | undefined;
  mode: DiffMode;
  side?: 'left' | 'right';
  onNumberClick(e: MouseEvent): void;
  onDoubleClick(): void;
}) {
  const prefix = line.kind === 'add' ? '+' : line.kind === 'del' ? '-' : ' ';
  const numbers =
    mode === 'unified' ? (
      <>
        <span className="diff-no">{line.oldNo ?? ''}</span>
        <span className="diff-no">{line.newNo ?? ''}</span>
      </>
    ) : (
      <span className="diff-no">{(side === 'left' ? line.oldNo : line.newNo) ?? ''}</span>
    );
  return (
    <div className={`diff-line diff-line-${line.kind}${chosen ? ' is-chosen' : ''}${finding !== undefined ? ' has-finding' : ''}`} onDoubleClick={onDoubleClick}>
      <button type="button" className="diff-gutter" onClick={onNumberClick} tabIndex={-1} aria-pressed={chosen} aria-label={chosen ? 'Unchoose line' : 'Choose line'}>
        {numbers}
      </button>
      {finding !== undefined && (
        <span className={`diff-finding-mark is-p${finding}`} title={`AI review finding (P${finding})`}>
          P{finding}
        </span>
      )}
      <span className="diff-prefix" aria-hidden="true">
        {prefix}
      </span>
      <span className="diff-text">
        <HighlightedLine text={line.text.endsWith('\r') ? line.text.slice(0, -1) : line.text} tokens={tokens} />
        {line.noNewlineAtEof && <span className="diff-eof">no newline at end of file</span>}
      </span>
    </div>
  );
}

function FileHeader({ file, diff, busy, isViewed, collapsed, onToggleCollapsed, onToggleViewed, onFileAction, onOpen }: { file: DiffFile } & DiffViewProps) {
  const viewed = isViewed(file);
  const folded = collapsed.has(file.id);
  const actions = diff.actionable && file.area !== 'range';
  return (
    <div className="diff-file">
      <button type="button" className="diff-fold" onClick={() => onToggleCollapsed(file.id)} aria-expanded={!folded} aria-label={folded ? `Show ${file.path}` : `Fold ${file.path}`}>
        <Icon name={folded ? 'chevronRight' : 'chevronDown'} size={14} />
      </button>
      <span className={`diff-status diff-status-${file.status}`} title={STATUS_WORDS[file.status]}>
        {file.status}
      </span>
      <span className="diff-path" title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}>
        {file.oldPath ? (
          <>
            <span className="diff-path-old">{file.oldPath}</span> → {file.path}
          </>
        ) : (
          file.path
        )}
      </span>
      <span className="diff-counts">
        {file.additions > 0 && <span className="diff-add-count">+{file.additions}</span>}
        {file.deletions > 0 && <span className="diff-del-count">−{file.deletions}</span>}
      </span>
      <span className="diff-file-actions">
        {actions && file.area !== 'staged' && (
          <button type="button" className="diff-link" disabled={busy === file.id} onClick={() => onFileAction('stage', file)}>
            {file.status === 'U' ? 'Mark resolved' : 'Stage file'}
          </button>
        )}
        {actions && file.area === 'staged' && (
          <button type="button" className="diff-link" disabled={busy === file.id} onClick={() => onFileAction('unstage', file)}>
            Unstage file
          </button>
        )}
        {actions && file.status !== 'U' && (
          <button type="button" className="diff-link is-danger" disabled={busy === file.id} onClick={() => onFileAction('revert', file)} title="Discard these changes; a copy is kept">
            Revert file
          </button>
        )}
        <button type="button" className="diff-link" onClick={() => onOpen(file.path)}>
          Open
        </button>
        <label className="diff-viewed">
          <input type="checkbox" checked={viewed} onChange={() => onToggleViewed(file)} /> Viewed
        </label>
      </span>
    </div>
  );
}

function HunkHeader({ file, hunk, diff, chosen, busy, onHunkAction, onChoose, onComment }: { file: DiffFile; hunk: DiffHunk } & DiffViewProps) {
  const picked = chosen[hunk.id]?.length ?? 0;
  // Line actions take the chosen added and removed lines; chosen context lines only anchor comments.
  const count = picked ? changedChosen(file, hunk, chosen[hunk.id]!).length : 0;
  const what = count ? `${count} line${count === 1 ? '' : 's'}` : 'hunk';
  const actions = diff.actionable && file.area !== 'range' && !file.binary && !file.submodule && !file.lossyText && file.status !== 'T';
  const running = busy === hunk.id;
  return (
    <div className="diff-hunk">
      <span className="diff-hunk-header">{hunk.header}</span>
      <span className="diff-hunk-actions">
        {actions && file.area !== 'staged' && (
          <button type="button" className="diff-link" disabled={running} onClick={() => onHunkAction('stage', file, hunk)}>
            Stage {what}
          </button>
        )}
        {actions && file.area === 'staged' && (
          <button type="button" className="diff-link" disabled={running} onClick={() => onHunkAction('unstage', file, hunk)}>
            Unstage {what}
          </button>
        )}
        {actions && file.area !== 'staged' && (
          <button type="button" className="diff-link is-danger" disabled={running} onClick={() => onHunkAction('revert', file, hunk)}>
            Revert {what}
          </button>
        )}
        {picked > 0 && (
          <>
            <button type="button" className="diff-link" onClick={() => onComment(file, hunk)}>
              Comment
            </button>
            <button type="button" className="diff-link" onClick={() => onChoose(hunk.id, null)}>
              Clear
            </button>
          </>
        )}
      </span>
    </div>
  );
}
