/**
 * The main window's layout: sidebar | conversation over the terminal panel | review, with a banner on
 * top when the connection is down and a status bar at the bottom. Panel sizes are CSS variables set
 * from the UI store; each panel can be hidden from the keyboard.
 */
import type { CSSProperties } from 'react';
import { useUi } from '../../stores/react';
import { ReviewPanel } from '../review/ReviewPanel';
import { Sidebar } from '../sidebar/Sidebar';
import { ConversationView } from '../threads/ConversationView';
import { CodeViewHost } from '../code/CodeViewHost';
import { BottomPanel } from './BottomPanel';
import { ConnectionBanner } from './ConnectionBanner';
import type { FrameActions } from './frame-actions';
import { Splitter } from './Splitter';
import { StatusBar } from './StatusBar';
import './shell.css';

export function Frame({ actions, webMode }: { actions: FrameActions; webMode: boolean }) {
  const panels = useUi((s) => s.panels);
  const sizes = {
    '--sidebar-size': `${panels.sidebar.size}px`,
    '--review-size': `${panels.review.size}px`,
    '--bottom-size': `${panels.bottom.size}px`,
  } as CSSProperties;

  return (
    <div className="frame" style={sizes}>
      <ConnectionBanner />
      <div className="frame-body">
        {panels.sidebar.open && (
          <>
            <Sidebar actions={actions} />
            <Splitter panel="sidebar" direction={1} label="Resize sidebar" />
          </>
        )}
        <div className="frame-centre">
          <CodeViewHost actions={actions}>
            <ConversationView actions={actions} />
          </CodeViewHost>
          {panels.bottom.open && (
            <>
              <Splitter panel="bottom" direction={-1} label="Resize terminal panel" />
              <BottomPanel />
            </>
          )}
        </div>
        {panels.review.open && (
          <>
            <Splitter panel="review" direction={-1} label="Resize review panel" />
            <ReviewPanel />
          </>
        )}
      </div>
      <StatusBar actions={actions} webMode={webMode} />
    </div>
  );
}
