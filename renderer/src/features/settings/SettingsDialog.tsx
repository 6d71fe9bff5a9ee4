/** Settings, as a dialog over the main window: sections on the left (a vertical tab list), one at a time. */
import { useRef, type KeyboardEvent } from 'react';
import { useStores, useUi } from '../../stores/react';
import type { SettingsSection } from '../../stores/ui-store';
import { IconButton } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Icon, type IconName } from '../../ui/Icon';
import type { FrameActions } from '../shell/frame-actions';
import { PrivacySection } from '../context/PrivacySection';
import { McpSection } from '../mcp/McpSection';
import { AboutSection } from './AboutSection';
import { AppearanceSection } from './AppearanceSection';
import { HotkeySection } from './HotkeySection';
import { ModelSection } from './ModelSection';
import { SuggestionsSection } from './SuggestionsSection';
import './settings.css';

const SECTIONS: { id: SettingsSection; title: string; icon: IconName; lede: string }[] = [
  { id: 'model', title: 'Model', icon: 'cube', lede: 'The model that answers questions, runs threads and reviews changes.' },
  { id: 'mcp', title: 'MCP servers', icon: 'code', lede: 'Tools from Model Context Protocol servers, for the agent.' },
  { id: 'appearance', title: 'Appearance', icon: 'sun', lede: 'How Tandem looks.' },
  { id: 'hotkey', title: 'Global hotkey', icon: 'keyboard', lede: 'Ask Tandem about whatever is in front of you.' },
  { id: 'suggestions', title: 'Suggestions', icon: 'sparkle', lede: 'Help Tandem offers without being asked.' },
  { id: 'privacy', title: 'Privacy & context', icon: 'key', lede: 'What Tandem may look at, what it never does, and what it has sent.' },
  { id: 'about', title: 'About', icon: 'info', lede: 'This copy of Tandem.' },
];

export function SettingsDialog({ actions }: { actions: FrameActions }) {
  const dialog = useUi((s) => s.dialog);
  const { ui } = useStores();
  const open = dialog?.kind === 'settings';
  const section = dialog?.kind === 'settings' ? dialog.section : 'model';
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0]!;

  const select = (id: SettingsSection) => ui.getState().openDialog({ kind: 'settings', section: id });
  const onTabKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (index + delta + SECTIONS.length) % SECTIONS.length;
    const target = SECTIONS[next];
    if (!target) return;
    select(target.id);
    tabs.current[next]?.focus();
  };

  return (
    <Dialog open={open} onClose={actions.closeDialog} label="Settings" className="settings-dialog">
      <div className="settings">
        <nav className="settings-nav">
          <h1 className="settings-heading">Settings</h1>
          <div role="tablist" aria-orientation="vertical" aria-label="Settings sections">
            {SECTIONS.map((s, i) => (
              <button
                key={s.id}
                ref={(el) => {
                  tabs.current[i] = el;
                }}
                type="button"
                role="tab"
                id={`settings-tab-${s.id}`}
                aria-selected={s.id === section}
                aria-controls="settings-panel"
                tabIndex={s.id === section ? 0 : -1}
                className={s.id === section ? 'settings-tab is-selected' : 'settings-tab'}
                onClick={() => select(s.id)}
                onKeyDown={(e) => onTabKey(e, i)}
              >
                <Icon name={s.icon} size={15} />
                {s.title}
              </button>
            ))}
          </div>
        </nav>
        <div className="settings-main">
          <header className="settings-main-header">
            <div>
              <h2 className="settings-title">{current.title}</h2>
              <p className="settings-lede">{current.lede}</p>
            </div>
            <IconButton icon="close" label="Close settings" shortcut="Esc" onClick={actions.closeDialog} />
          </header>
          <div className="settings-panel" role="tabpanel" id="settings-panel" aria-labelledby={`settings-tab-${section}`}>
            {section === 'model' && <ModelSection />}
            {section === 'mcp' && <McpSection />}
            {section === 'appearance' && <AppearanceSection actions={actions} />}
            {section === 'hotkey' && <HotkeySection />}
            {section === 'suggestions' && <SuggestionsSection actions={actions} />}
            {section === 'privacy' && <PrivacySection />}
            {section === 'about' && <AboutSection />}
          </div>
        </div>
      </div>
    </Dialog>
  );
}
