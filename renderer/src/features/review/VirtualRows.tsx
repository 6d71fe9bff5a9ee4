/**
 * A scrolling list of fixed-height rows that renders only the rows in view (plus a margin). The DOM
 * stays a few dozen rows deep whatever the diff's size; scrolling moves an absolutely positioned
 * window over a spacer as tall as every row together.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualRowsHandle {
  /** Scrolls so the row is at the top (or just into view with `nearest`). */
  scrollToRow(index: number, align?: 'top' | 'nearest'): void;
  /** Index of the first row in view. */
  firstVisibleRow(): number;
  focus(): void;
}

interface Props {
  count: number;
  rowHeight: number;
  renderRow(index: number): ReactNode;
  /** Rows rendered beyond each edge, so fast scrolling does not show blanks. */
  overscan?: number;
  className?: string;
  label: string;
  onKeyDown?(e: KeyboardEvent<HTMLDivElement>): void;
  /** The rows on screen changed: [first, end) without the overscan (e.g. to colour just those). */
  onRangeChange?(first: number, end: number): void;
}

export const VirtualRows = forwardRef<VirtualRowsHandle, Props>(function VirtualRows(
  { count, rowHeight, renderRow, overscan = 20, className, label, onKeyDown, onRangeChange },
  ref,
) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // One state update per frame, however many scroll events arrive.
  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (scroller.current) setScrollTop(scroller.current.scrollTop);
    });
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      scrollToRow(index, align = 'top') {
        const el = scroller.current;
        if (!el) return;
        const top = index * rowHeight;
        if (align === 'nearest') {
          if (top < el.scrollTop) el.scrollTop = top;
          else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
        } else {
          el.scrollTop = top;
        }
        setScrollTop(el.scrollTop);
      },
      firstVisibleRow: () => Math.floor((scroller.current?.scrollTop ?? 0) / rowHeight),
      focus: () => scroller.current?.focus(),
    }),
    [rowHeight],
  );

  const visibleFirst = Math.min(count, Math.floor(scrollTop / rowHeight));
  const visibleEnd = Math.min(count, Math.ceil((scrollTop + height) / rowHeight));
  const first = Math.max(0, visibleFirst - overscan);
  const last = Math.min(count, visibleEnd + overscan);
  useEffect(() => onRangeChange?.(visibleFirst, visibleEnd), [onRangeChange, visibleFirst, visibleEnd]);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(i));

  return (
    <div ref={scroller} className={['virtual-rows', className ?? ''].join(' ')} onScroll={onScroll} tabIndex={0} aria-label={label} onKeyDown={onKeyDown}>
      <div className="virtual-rows-spacer" style={{ height: count * rowHeight }}>
        <div className="virtual-rows-window" style={{ transform: `translateY(${first * rowHeight}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
});
