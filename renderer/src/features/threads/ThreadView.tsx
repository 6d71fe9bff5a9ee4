/** One thread: its header, the agent's conversation in it, and the message box. */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { ApprovalPolicy, SandboxMode, Thread } from '../../../../shared/contract';
import { isProviderReady } from '../../stores/provider-store';
import { useAgent, useProvider, useStores, useWorkspaces } from '../../stores/react';
import { Button, IconButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { EMPTY_STREAM } from '../agent/agent-stream';
import { AgentConversation } from '../agent/AgentConversation';
import { RunSettings, runSettingsFor, type RunSettingsValue } from '../agent/RunSettings';
import type { FrameActions } from '../shell/frame-actions';
import { terminalsFeatureFor } from '../terminals/use-terminals-feature';
import { Composer } from './Composer';
import { ThreadTitle } from './ThreadTitle';

const STATUS_PILL: Record<Thread['status'], { label: string; tone: string } | null> = {
  idle: null,
  done: null,
  running: { label: 'Running', tone: 'pill-accent' },
  waitingForApproval: { label: 'Needs approval', tone: 'pill-warning' },
  failed: { label: 'Failed', tone: 'pill-danger' },
};

/** How close to the bottom (px) still counts as "following" the conversation as it streams. */
const FOLLOW_SLACK = 80;

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
  const stores = useStores();
  const { agent, ui, client } = stores;
  const detail = useAgent((s) => s.threads[thread.id]);
  const workspace = useWorkspaces((s) => s.list.find((w) => w.id === thread.workspaceId) ?? null);
  const config = useProvider((s) => s.config);
  const providerLoaded = useProvider((s) => s.status === 'ready');
  const ready = isProviderReady(config);
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const stream = detail?.stream ?? EMPTY_STREAM;
  const running = stream.activeTurnId !== null;
  const [run, setRun] = useState<RunSettingsValue>(() => runSettingsFor(thread.id, stream));

  useEffect(() => {
    void agent.getState().open(thread.id);
  }, [thread.id, agent]);

  // The run settings follow the latest turn seen (another window may have changed them).
  const latestTurn = stream.activeTurnId ?? Object.keys(stream.turns).at(-1) ?? null;
  useEffect(() => {
    setRun(runSettingsFor(thread.id, stream));
    // Only when another turn starts: a re-render must not undo a choice made since.
  }, [thread.id, latestTurn]);

  // Keep the newest output in view while the user is at the bottom; leave them be when they scrolled up.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  });

  const showTerminal = useCallback(
    (terminalId: string) => {
      ui.getState().setPanelOpen('bottom', true);
      const terminals = terminalsFeatureFor(client).store.getState();
      if (terminals.byId[terminalId]) terminals.focusPane(terminalId);
      else stores.toasts.getState().show('info', 'That terminal has been closed (Tandem keeps the last 20 agent terminals).');
    },
    [client, ui, stores.toasts],
  );

  const pill = STATUS_PILL[thread.status];
  const notice = !providerLoaded ? null : !ready ? (
    <>
      <Icon name="cube" size={15} />
      <span>Set up a model in Settings to start.</span>
      <Button size="sm" variant="primary" onClick={() => actions.openSettings('model')}>
        Open Settings
      </Button>
    </>
  ) : null;

  const onSend = async (text: string) => {
    following.current = true;
    if (running) await agent.getState().steer(thread.id, text);
    else await agent.getState().send(thread.id, text, { sandbox: run.sandbox, approvalPolicy: run.approvalPolicy });
  };

  const empty = stream.order.length === 0 && !running;

  return (
    <section className="thread-view" aria-label={`Thread: ${thread.title}`}>
      <header className="centre-header">
        {headerStart}
        <div className="centre-header-title">
          <ThreadTitle thread={thread} takesComposerFocus={!ready} />
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
      <div
        className="thread-scroll"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_SLACK;
        }}
      >
        {detail?.status === 'error' ? (
          <EmptyState icon="alert" title="Couldn’t load this thread">
            <p>{detail.error}</p>
            <p className="empty-state-cta">
              <Button size="sm" icon="refresh" onClick={() => void agent.getState().open(thread.id)}>
                Try again
              </Button>
            </p>
          </EmptyState>
        ) : empty ? (
          detail?.status === 'ready' && (
            <EmptyState icon="thread" title="Nothing in this thread yet">
              <p>Messages, the commands Tandem runs and the files it changes are recorded here, step by step.</p>
            </EmptyState>
          )
        ) : (
          <AgentConversation
            stream={stream}
            openModelSettings={() => actions.openSettings('model')}
            showTerminal={showTerminal}
            respond={(requestId, decision, message) => agent.getState().respond(requestId, decision, message)}
          />
        )}
      </div>
      <div className="composer-dock">
        <Composer
          threadId={thread.id}
          placeholder={
            running ? 'Add to what Tandem is doing — it reads this at its next step…' : workspace ? `Ask Tandem to do something in ${workspace.name}…` : 'Ask Tandem to do something…'
          }
          notice={notice}
          running={running}
          onStop={() => agent.getState().interrupt(thread.id)}
          {...(ready ? { onSend } : {})}
          footer={
            config && ready ? (
              <>
                <button type="button" className="composer-chip" onClick={() => actions.openSettings('model')} title="Model settings">
                  <Icon name="cube" size={13} />
                  {config.model}
                </button>
                <RunSettings
                  value={run}
                  disabled={running}
                  onChange={(next: { sandbox: SandboxMode; approvalPolicy: ApprovalPolicy }) => setRun(runSettingsFor(thread.id, stream, next))}
                />
              </>
            ) : null
          }
        />
      </div>
    </section>
  );
}
