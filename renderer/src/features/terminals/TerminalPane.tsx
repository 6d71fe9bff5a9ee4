/**
 * One terminal in the panel: its xterm view (kept alive by the feature while the panel is hidden),
 * the find bar, and what the user needs to know about it: an agent's terminal, a shell that exited,
 * a terminal lost with the pty host.
 */
import { useEffect, useRef, useState } from 'react';
import { DEFAULT_SETTINGS, type TerminalInfo } from '../../../../shared/contract';
import { useSettings, useStores } from '../../stores/react';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { useCommandRegistry } from '../commands/react';
import { isMac } from '../commands/platform';
import { useResolvedTheme } from '../theme/use-theme';
import { isAppShortcut } from './app-keys';
import { FindBar } from './FindBar';
import { TerminalSession } from './terminal-session';
import { useTerminalsFeature } from './use-terminals-feature';
import { monoFontFamily, terminalTheme } from './xterm-theme';

export interface TerminalPaneProps {
  info: TerminalInfo;
  /** In the tab on screen. */
  visible: boolean;
  focused: boolean;
  findOpen: boolean;
  onFindOpen(open: boolean): void;
  onFocus(): void;
  onNewTerminal(): void;
  onClose(): void;
}

export function TerminalPane({ info, visible, focused, findOpen, onFindOpen, onFocus, onNewTerminal, onClose }: TerminalPaneProps) {
  const { client } = useStores();
  const feature = useTerminalsFeature();
  const registry = useCommandRegistry();
  const scheme = useResolvedTheme();
  const fontSize = useSettings((s) => s.settings?.fontSize ?? DEFAULT_SETTINGS.fontSize);
  const container = useRef<HTMLDivElement>(null);
  const [session, setSession] = useState<TerminalSession | null>(null);
  // Callbacks given to the long-lived session read the latest props through this.
  const latest = useRef({ onFindOpen, onFocus });
  latest.current = { onFindOpen, onFocus };

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const s = feature.session(
      info.id,
      () =>
        new TerminalSession({
          client,
          terminalId: info.id,
          theme: terminalTheme(el, scheme),
          fontFamily: monoFontFamily(el),
          fontSize,
          savedView: feature.takeSavedView(info.id),
          isAppShortcut: (event) => isAppShortcut(registry.list(), event, isMac),
          onFind: () => latest.current.onFindOpen(true),
          onFocus: () => latest.current.onFocus(),
          isMac,
        }),
    );
    s.attach(el);
    const observer = new ResizeObserver(() => s.fitNow());
    observer.observe(el);
    setSession(s);
    return () => {
      observer.disconnect();
      s.detach();
    };
    // The session is per terminal; theme and font changes are applied below without recreating it.
  }, [info.id, feature, client, registry]);

  useEffect(() => {
    if (!session || !container.current) return;
    // After the frame has applied the theme to <html> (parent effects run after this one).
    const el = container.current;
    const frame = requestAnimationFrame(() => session.setTheme(terminalTheme(el, scheme)));
    return () => cancelAnimationFrame(frame);
  }, [session, scheme]);

  useEffect(() => {
    if (session && container.current) session.setFont(monoFontFamily(container.current), fontSize);
  }, [session, fontSize]);

  useEffect(() => {
    if (session && visible) session.fitNow();
  }, [session, visible]);

  useEffect(() => {
    if (session && visible && focused && !findOpen) session.focus();
  }, [session, visible, focused, findOpen]);

  const running = info.status === 'running';
  return (
    <div className={`terminal-pane${focused ? ' is-focused' : ''}`} data-terminal-id={info.id} data-status={info.status} onMouseDown={onFocus}>
      {info.owner === 'agent' && running && (
        <div className="terminal-note terminal-note-agent">
          <Icon name="sparkle" size={13} />
          <span>The agent is working in this terminal. Type to take over.</span>
          <Button size="sm" variant="ghost" onClick={() => session?.send('\x03')}>
            Interrupt
          </Button>
        </div>
      )}
      {findOpen && session && <FindBar session={session} onClose={() => onFindOpen(false)} />}
      <div className="terminal-view" ref={container} />
      {!running && (
        <div className={`terminal-note terminal-note-${info.status}`} role="status">
          <Icon name={info.status === 'lost' ? 'alert' : 'info'} size={13} />
          <span>{endedMessage(info)}</span>
          <Button size="sm" variant="secondary" onClick={onNewTerminal}>
            New terminal
          </Button>
          <Button size="sm" variant="ghost" onClick={onClose}>
            Close
          </Button>
        </div>
      )}
    </div>
  );
}

export function endedMessage(info: Pick<TerminalInfo, 'status' | 'exit'>): string {
  if (info.status === 'lost') return 'This terminal was lost when the terminal process stopped.';
  if (info.exit?.signal) return `The shell was ended by ${info.exit.signal}.`;
  return `The shell exited with code ${info.exit?.code ?? 'unknown'}.`;
}
