/** One thread: its header, everything recorded in it so far, and the message box. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { Thread } from '../../../../shared/contract';
import { isProviderReady } from '../../stores/provider-store';
import { useProvider, useStores, useThreads, useWorkspaces } from '../../stores/react';
import { Button, IconButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import type { FrameActions } from '../shell/frame-actions';
import { Composer } from './Composer';
import { ItemView } from './ItemView';
import { ThreadTitle } from './ThreadTitle';

const STATUS_PILL: Record<Thread['status'], { label: string; tone: string } | null> = {
  idle: null,
  done: null,
  running: { label: 'Running', tone: 'pill-accent' },
  waitingForApproval: { label: 'Needs approval', tone: 'pill-warning' },
  failed: { label: 'Failed', tone: 'pill-danger' },
};

export function ThreadView({
  thread,
  actions,
  headerStart,
  headerEnd,
}: {
  thread: Thread;
  actions: FrameActions;
  /** Frame controls before the title (the sidebar toggle when the sidebar is hidden). */
  headerStart: ReactNode;
  /** Frame controls after the thread's own actions (panel toggles). */
  headerEnd: ReactNode;
}) {
  const { threads } = useStores();
  const detail = useThreads((s) => s.details[thread.id]);
  const workspace = useWorkspaces((s) => s.list.find((w) => w.id === thread.workspaceId) ?? null);
  const config = useProvider((s) => s.config);
  const providerLoaded = useProvider((s) => s.status === 'ready');
  const ready = isProviderReady(config);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void threads.getState().open(thread.id);
  }, [thread.id, threads]);

  const items = detail?.items ?? [];
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [items.length, thread.id]);

  const pill = STATUS_PILL[thread.status];
  const notice = !providerLoaded ? null : !ready ? (
    <>
      <Icon name="cube" size={15} />
      <span>Set up a model in Settings to start.</span>
      <Button size="sm" variant="primary" onClick={() => actions.openSettings('model')}>
        Open Settings
      </Button>
    </>
  ) : (
    <>
      <Icon name="info" size={15} />
      <span>
        <strong>{config?.model}</strong> is set up. Sending messages from a thread isn’t available in this version of Tandem.
      </span>
    </>
  );

  return (
    <section className="thread-view" aria-label={`Thread: ${thread.title}`}>
      <header className="centre-header">
        {headerStart}
        <div className="centre-header-title">
          <ThreadTitle thread={thread} takesComposerFocus />
          {workspace && (
            <span className="thread-workspace" title={workspace.path}>
              <Icon name={workspace.isGit ? 'branch' : 'folder'} size={13} />
              {workspace.name}
            </span>
          )}
          {pill && <span className={`pill ${pill.tone}`}>{pill.label}</span>}
        </div>
        <div className="centre-header-actions">
          <IconButton icon="pencil" label="Rename thread" shortcut="F2" onClick={() => actions.renameThread(thread.id)} />
          <IconButton icon="archive" label="Archive thread" onClick={() => void actions.archiveThread(thread.id)} />
          {headerEnd}
        </div>
      </header>
      <div className="thread-scroll" ref={scroller}>
        {detail?.status === 'error' ? (
          <EmptyState icon="alert" title="Couldn’t load this thread">
            <p>{detail.error}</p>
            <p className="empty-state-cta">
              <Button size="sm" icon="refresh" onClick={() => void threads.getState().open(thread.id)}>
                Try again
              </Button>
            </p>
          </EmptyState>
        ) : items.length === 0 ? (
          detail?.status === 'ready' && (
            <EmptyState icon="thread" title="Nothing in this thread yet">
              <p>Messages, the commands Tandem runs and the files it changes are recorded here, step by step.</p>
            </EmptyState>
          )
        ) : (
          <ol className="item-list" aria-label="Thread items">
            {items.map((item) => (
              <li key={item.id}>
                <ItemView item={item} />
              </li>
            ))}
          </ol>
        )}
      </div>
      <div className="composer-dock">
        <Composer
          threadId={thread.id}
          placeholder={workspace ? `Ask Tandem to do something in ${workspace.name}…` : 'Ask Tandem to do something…'}
          notice={notice}
          footer={
            config && ready ? (
              <button type="button" className="composer-chip" onClick={() => actions.openSettings('model')} title="Model settings">
                <Icon name="cube" size={13} />
                {config.model}
              </button>
            ) : null
          }
        />
      </div>
    </section>
  );
}
