/**
 * The review panel's content for one repository: the source picker, the file list and the diff, the
 * comment composer, and one status line for what the last action did. Fed by a review store (see
 * review-store.ts); the panel frame mounts it.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { DiffFile, DiffHunk, DiffSource, ReviewFinding } from '../../../../shared/contract';
import { Button, IconButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Segmented } from '../../ui/Segmented';
import { layoutDiff, type DiffMode } from './diff-rows';
import { DiffView, type DiffViewHandle } from './DiffView';
import { EvidenceSection } from './EvidenceSection';
import { FileList } from './FileList';
import { FindingsPanel } from './FindingsPanel';
import { findingMarks, findingRow, staleness } from './findings';
import { commentRange, type ReviewStore } from './review-store';
import './review.css';

type SourceKind = 'working' | 'branch' | 'commit' | 'thread' | 'turn';

/** A worktree thread's changes, offered as a source while that thread is selected. */
export interface ThreadReviewSource {
  source: Extract<DiffSource, { kind: 'worktree' }>;
}

const SOURCE_OPTIONS = [
  { value: 'working', label: 'Working tree' },
  { value: 'branch', label: 'Branch' },
  { value: 'commit', label: 'Commit' },
] as const;
/** Offered while a thread is selected: the changes of its last agent turn, evidence first. */
const TURN_OPTION = { value: 'turn', label: 'Last turn' } as const;
const MODE_OPTIONS = [
  { value: 'unified', label: 'Unified' },
  { value: 'split', label: 'Split' },
] as const;

export function ReviewView({
  review,
  onOpenThread,
  threadSource,
  threadId = null,
}: {
  review: ReviewStore;
  /** Shows a thread the review started; absent when there is no agent to send to. */
  onOpenThread?(threadId: string): void;
  threadSource?: ThreadReviewSource;
  /** The selected thread: the picker offers its last turn. */
  threadId?: string | null;
}) {
  const state = useStore(review);
  const view = useRef<DiffViewHandle>(null);
  const rowHeight = useCodeRowHeight();
  const [composer, setComposer] = useState<{ file: DiffFile; hunk: DiffHunk } | null>(null);

  const layout = useMemo(
    () => (state.diff ? layoutDiff(state.diff, { mode: state.mode, collapsed: state.collapsed, comments: state.comments }) : null),
    [state.diff, state.mode, state.collapsed, state.comments],
  );
  const findings = state.ai.result?.findings;
  const stale = useMemo(() => (state.ai.result && state.diff ? staleness(state.ai.result, state.diff) : null), [state.ai.result, state.diff]);
  // A stale finding's lines may have moved: it stays listed, without a marker on a line it may no longer mean.
  const marks = useMemo(() => findingMarks((findings ?? []).filter((f) => !stale?.stale.has(f.id))), [findings, stale]);

  const showFinding = useCallback(
    (finding: ReviewFinding) => {
      const { diff, collapsed } = review.getState();
      review.getState().setCurrentFinding(finding.id);
      if (!diff || !layout) return;
      if (finding.fileId && collapsed.has(finding.fileId)) review.getState().toggleCollapsed(finding.fileId);
      const row = findingRow(diff, layout, finding);
      if (row >= 0) view.current?.showRow(row);
      const file = diff.files.find((f) => f.id === finding.fileId);
      if (!file?.pending) return;
      // Its lines have not arrived: show the file, then the finding's line once they are in.
      void review
        .getState()
        .loadFiles([file])
        .then(() => {
          const now = review.getState();
          if (!now.diff || now.currentFinding !== finding.id) return;
          const fresh = layoutDiff(now.diff, { mode: now.mode, collapsed: now.collapsed, comments: now.comments });
          const at = findingRow(now.diff, fresh, finding);
          if (at >= 0) view.current?.showRow(at);
        });
    },
    [review, layout],
  );
  const stepFinding = (direction: 1 | -1) => {
    const open = (findings ?? []).filter((f) => f.status === 'open');
    if (open.length === 0) return;
    const at = open.findIndex((f) => f.id === state.currentFinding);
    const next = at < 0 ? (direction > 0 ? open[0]! : open[open.length - 1]!) : open[(at + direction + open.length) % open.length]!;
    showFinding(next);
  };
  const send = onOpenThread
    ? async (items: readonly ReviewFinding[], withComments: boolean) => {
        const id = await review.getState().sendToAgent(items, withComments ? review.getState().comments : []);
        if (id) onOpenThread(id);
      }
    : undefined;

  if (!state.target) {
    return (
      <EmptyState icon="review" title="Nothing to review" compact>
        <p>Open a folder's changes to review them here.</p>
      </EmptyState>
    );
  }

  return (
    <div className="review-view">
      <SourceBar source={state.source} mode={state.mode} loading={state.status === 'loading'} review={review} threadSource={threadSource} threadId={threadId} />
      <EvidenceSection source={state.source} worktreeThreadId={state.source.kind === 'worktree' ? threadId : null} />
      {state.diff && (
        <div className="review-summary" role="status">
          <span className="review-title">{state.diff.title}</span>
          <span className="review-totals">
            {state.diff.totals.files} file{state.diff.totals.files === 1 ? '' : 's'} <span className="diff-add-count">+{state.diff.totals.additions}</span>{' '}
            <span className="diff-del-count">−{state.diff.totals.deletions}</span>
          </span>
          {send && state.comments.length > 0 && state.target?.workspaceId && (
            <Button size="sm" variant="ghost" onClick={() => void send([], true)}>
              Send {state.comments.length} comment{state.comments.length === 1 ? '' : 's'} to agent
            </Button>
          )}
        </div>
      )}
      <FindingsPanel
        repoRoot={state.diff?.repoRoot}
        ai={state.ai}
        staleness={stale}
        current={state.currentFinding}
        onShow={showFinding}
        onStep={stepFinding}
        onDismiss={(id) => void state.dismissFinding(id)}
        onResolve={(id) => void state.resolveFinding(id)}
        {...(send && state.target?.workspaceId ? { onSend: (f: ReviewFinding) => void send([f], false) } : {})}
      />
      {state.diff?.notices.map((n) => (
        <p key={n} className="review-notice">
          {n}
        </p>
      ))}
      {state.notice && <p className={`review-notice is-${state.notice.tone}`}>{state.notice.text}</p>}
      {state.status === 'error' && <p className="review-notice is-error">{state.error}</p>}
      {state.diff && layout && state.diff.files.length === 0 && (
        <EmptyState icon="check" title="No changes" compact>
          <p>There is nothing to review in {state.diff.title.toLowerCase()}.</p>
        </EmptyState>
      )}
      {state.diff && layout && state.diff.files.length > 0 && (
        <div className="review-body">
          <FileList files={state.diff.files} isViewed={state.isViewed} onShow={(f) => view.current?.showFile(f)} />
          <DiffView
            ref={view}
            diff={state.diff}
            layout={layout}
            mode={state.mode}
            rowHeight={rowHeight}
            comments={state.comments}
            chosen={state.chosen}
            busy={state.busy}
            collapsed={state.collapsed}
            isViewed={state.isViewed}
            onToggleCollapsed={state.toggleCollapsed}
            onToggleViewed={state.toggleViewed}
            onChoose={state.choose}
            onHunkAction={(a, f, h) => void state.hunkAction(a, f, h)}
            onFileAction={(a, f) => void state.fileAction(a, f)}
            onComment={(file, hunk) => setComposer({ file, hunk })}
            onRemoveComment={(id) => void state.removeComment(id)}
            onOpen={(p, line) => void state.openInEditor(p, line)}
            findingMarks={marks}
            onFindingKey={findings?.length ? stepFinding : undefined}
            onLoadFiles={state.loadFiles}
          />
        </div>
      )}
      {composer && <CommentComposer review={review} file={composer.file} hunk={composer.hunk} onClose={() => setComposer(null)} />}
    </div>
  );
}

function sourceKind(source: DiffSource): SourceKind {
  if (source.kind === 'branch' || source.kind === 'commit') return source.kind;
  if (source.kind === 'snapshot') return source.turn ? 'turn' : 'working';
  return source.kind === 'worktree' ? 'thread' : 'working';
}

function SourceBar({
  source,
  mode,
  loading,
  review,
  threadSource,
  threadId,
}: {
  source: DiffSource;
  mode: DiffMode;
  loading: boolean;
  review: ReviewStore;
  threadSource: ThreadReviewSource | undefined;
  threadId: string | null;
}) {
  const aiRunning = useStore(review, (s) => s.ai.status === 'running');
  const [kind, setKind] = useState<SourceKind>(sourceKind(source));
  // A source opened from elsewhere (a thread's "Review changes") moves the picker with it.
  useEffect(() => setKind(sourceKind(source)), [source]);
  const [base, setBase] = useState(source.kind === 'branch' ? source.base : 'main');
  const [commit, setCommit] = useState(source.kind === 'commit' ? source.commit : 'HEAD');
  const worktreeSource = threadSource?.source ?? (source.kind === 'worktree' ? source : null);
  const turnThread = source.kind === 'snapshot' && source.turn ? source.turn.threadId : threadId;
  const options = [...SOURCE_OPTIONS, ...(worktreeSource ? [{ value: 'thread' as const, label: 'Thread' }] : []), ...(turnThread ? [TURN_OPTION] : [])];
  const show = (next: SourceKind, e?: FormEvent) => {
    e?.preventDefault();
    if (next === 'turn') {
      if (turnThread) void review.getState().openLastTurn(turnThread);
      return;
    }
    const target = review.getState().target;
    if (!target) return;
    const chosen: DiffSource =
      next === 'branch'
        ? { kind: 'branch', base: base.trim() || 'main' }
        : next === 'commit'
          ? { kind: 'commit', commit: commit.trim() || 'HEAD' }
          : next === 'thread' && worktreeSource
            ? worktreeSource
            : { kind: 'working' };
    void review.getState().open(target, chosen);
  };
  return (
    <form className="review-sourcebar" onSubmit={(e) => show(kind, e)}>
      <Segmented
        label="What to review"
        value={kind}
        options={options}
        onChange={(k) => {
          setKind(k);
          if (k === 'working' || k === 'thread' || k === 'turn') show(k);
        }}
      />
      {kind === 'branch' && (
        <input className="review-input" aria-label="Base branch" value={base} onChange={(e) => setBase(e.target.value)} placeholder="main" />
      )}
      {kind === 'commit' && (
        <input className="review-input" aria-label="Commit" value={commit} onChange={(e) => setCommit(e.target.value)} placeholder="HEAD" />
      )}
      {(kind === 'branch' || kind === 'commit') && (
        <Button type="submit" size="sm" busy={loading}>
          Show
        </Button>
      )}
      <span className="review-sourcebar-gap" />
      <Segmented label="Diff layout" value={mode} options={MODE_OPTIONS} onChange={(m) => review.getState().setMode(m)} />
      <Button size="sm" onClick={() => void review.getState().runAiReview()} busy={aiRunning} disabled={aiRunning}>
        AI review
      </Button>
      <IconButton icon="refresh" size="sm" label="Refresh" onClick={() => void review.getState().refresh()} disabled={loading} />
    </form>
  );
}

function CommentComposer({ review, file, hunk, onClose }: { review: ReviewStore; file: DiffFile; hunk: DiffHunk; onClose(): void }) {
  const chosen = useStore(review, (s) => s.chosen[hunk.id] ?? []);
  const range = commentRange(file, hunk, chosen);
  const [body, setBody] = useState('');
  const [saving, setSaving] = useState(false);
  if (!range) return null;
  const where = range.startLine === range.endLine ? `line ${range.startLine}` : `lines ${range.startLine}–${range.endLine}`;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setSaving(true);
    try {
      await review.getState().addComment({ path: file.path, ...range, body });
      review.getState().choose(hunk.id, null);
      onClose();
    } catch {
      setSaving(false);
    }
  };
  return (
    <form className="review-composer" onSubmit={(e) => void save(e)} aria-label="New comment">
      <label className="review-composer-label" htmlFor="review-comment-body">
        Comment on {file.path}, {range.side === 'old' ? 'old ' : ''}
        {where}
      </label>
      <textarea
        id="review-comment-body"
        className="review-composer-text"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        autoFocus
        rows={3}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void save(e);
        }}
      />
      <div className="review-composer-actions">
        <Button variant="ghost" size="sm" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="primary" size="sm" type="submit" busy={saving} disabled={!body.trim()}>
          Comment
        </Button>
      </div>
    </form>
  );
}

/** Row height for code, following the code font size setting. */
function useCodeRowHeight(): number {
  const [height, setHeight] = useState(20);
  useEffect(() => {
    const size = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--font-size-code')) || 13;
    setHeight(Math.round(size * 1.6));
  }, []);
  return height;
}
