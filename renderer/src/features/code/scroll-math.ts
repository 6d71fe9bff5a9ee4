/**
 * Virtual scrolling for any number of lines. Browsers cap an element's height (Chromium near 33.5
 * million px), and 1,000,000 lines at 20 px is already 20 million: past `maxScrollPx` the scroll
 * range is compressed — the scrollbar maps linearly onto the lines — while rows keep their real height.
 * Pure arithmetic, unit-tested.
 */

/** Tall enough for every file below 400,000 lines at 20 px to scroll 1:1; safe in every browser. */
export const MAX_SCROLL_PX = 8_000_000;

export interface ScrollGeometry {
  lineCount: number;
  lineHeight: number;
  viewportHeight: number;
  maxScrollPx?: number;
}

export interface VisibleWindow {
  /** The first line (0-based) at least partly on screen. */
  first: number;
  /** One past the last line on screen. */
  end: number;
  /** Where the first line's top sits relative to the viewport's top (≤ 0). */
  offsetPx: number;
}

/** The height of the scrollable content. */
export function scrollHeight(g: ScrollGeometry): number {
  return Math.min(g.lineCount * g.lineHeight, g.maxScrollPx ?? MAX_SCROLL_PX);
}

function scrollRange(g: ScrollGeometry): { content: number; scroll: number } {
  const content = Math.max(0, g.lineCount * g.lineHeight - g.viewportHeight);
  const scroll = Math.max(0, scrollHeight(g) - g.viewportHeight);
  return { content, scroll };
}

/** Which lines are on screen at `scrollTop`. */
export function visibleWindow(scrollTop: number, g: ScrollGeometry): VisibleWindow {
  const { content, scroll } = scrollRange(g);
  const top = scroll > 0 ? (Math.min(Math.max(0, scrollTop), scroll) / scroll) * content : 0;
  const first = Math.min(Math.max(0, Math.floor(top / g.lineHeight)), Math.max(0, g.lineCount - 1));
  const offsetPx = first * g.lineHeight - top;
  const end = Math.min(g.lineCount, first + Math.ceil((g.viewportHeight - offsetPx) / g.lineHeight) + 1);
  return { first, end, offsetPx };
}

/** The scrollTop that puts line `index` (0-based) at `fraction` of the viewport (0 top, 0.5 middle). */
export function scrollTopFor(index: number, g: ScrollGeometry, fraction = 0.35): number {
  const { content, scroll } = scrollRange(g);
  if (content <= 0) return 0;
  const top = Math.min(content, Math.max(0, index * g.lineHeight - (g.viewportHeight - g.lineHeight) * fraction));
  return (top / content) * scroll;
}

/** Whether line `index` is fully on screen in `win`. */
export function isLineVisible(index: number, win: VisibleWindow, g: ScrollGeometry): boolean {
  if (index < win.first || index >= win.end) return false;
  const top = win.offsetPx + (index - win.first) * g.lineHeight;
  return top >= 0 && top + g.lineHeight <= g.viewportHeight;
}
