/**
 * A draggable, keyboard-operable divider between two areas (WAI-ARIA "window splitter"). Arrows resize
 * by 16 px (Shift: 64), Home/End go to the limits, Enter hides the panel, double-click restores its size.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useStores, useUi } from '../../stores/react';
import { PANEL_LIMITS, type PanelId } from '../../stores/ui-store';

const STEP = 16;
const BIG_STEP = 64;

export function Splitter({
  panel,
  direction,
  label,
}: {
  panel: PanelId;
  /** +1 when moving the divider right/down makes the panel bigger, -1 when it makes it smaller. */
  direction: 1 | -1;
  label: string;
}) {
  const { ui } = useStores();
  const size = useUi((s) => s.panels[panel].size);
  const drag = useRef<{ start: number; size: number } | null>(null);
  const vertical = panel === 'bottom';
  const limits = PANEL_LIMITS[panel];

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: vertical ? e.clientY : e.clientX, size };
    document.body.classList.add(vertical ? 'is-resizing-row' : 'is-resizing-col');
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const delta = (vertical ? e.clientY : e.clientX) - drag.current.start;
    ui.getState().resizePanel(panel, drag.current.size + delta * direction);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
    document.body.classList.remove('is-resizing-row', 'is-resizing-col');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? BIG_STEP : STEP;
    // Arrows move the divider the way they point; the panel grows or shrinks accordingly.
    const moves: Record<string, number> = vertical ? { ArrowDown: 1, ArrowUp: -1 } : { ArrowRight: 1, ArrowLeft: -1 };
    const move = moves[e.key];
    if (move !== undefined) {
      e.preventDefault();
      ui.getState().resizePanel(panel, size + move * direction * step);
    } else if (e.key === 'Home') {
      e.preventDefault();
      ui.getState().resizePanel(panel, limits.min);
    } else if (e.key === 'End') {
      e.preventDefault();
      ui.getState().resizePanel(panel, limits.max);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      ui.getState().setPanelOpen(panel, false);
    }
  };

  return (
    <div
      className={vertical ? 'splitter splitter-row' : 'splitter splitter-col'}
      role="separator"
      aria-label={label}
      aria-orientation={vertical ? 'horizontal' : 'vertical'}
      aria-valuenow={size}
      aria-valuemin={limits.min}
      aria-valuemax={limits.max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => ui.getState().resizePanel(panel, limits.initial)}
      onKeyDown={onKeyDown}
    />
  );
}
