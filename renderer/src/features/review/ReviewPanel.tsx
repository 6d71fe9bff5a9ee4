/** The review panel. Until a change arrives it says what will appear here and how it will be shown. */
import { useRef } from 'react';
import { useStores } from '../../stores/react';
import { IconButton } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { PanelHeader } from '../shell/PanelHeader';
import { useFocusRequest } from '../shell/use-focus-request';
import { SHORTCUTS } from '../shell/use-frame-commands';

export function ReviewPanel() {
  const { ui } = useStores();
  const panel = useRef<HTMLElement>(null);
  useFocusRequest(['review'], () => panel.current?.focus());
  return (
    <aside ref={panel} className="review-panel" data-region="review" aria-label="Review" tabIndex={-1}>
      <PanelHeader
        title="Review"
        icon="review"
        actions={<IconButton icon="close" size="sm" label="Hide review panel" shortcut={SHORTCUTS.toggleReview} onClick={() => ui.getState().setPanelOpen('review', false)} />}
      />
      <div className="panel-body panel-body-center">
        <EmptyState icon="review" title="Nothing to review" compact>
          <p>Changes appear here for review: first the evidence — the tests and commands that checked them — then the diff.</p>
          <p>When a thread edits files in a folder, its changes open here.</p>
        </EmptyState>
      </div>
    </aside>
  );
}
