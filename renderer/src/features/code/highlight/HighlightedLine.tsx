/**
 * One line of code with its colours. Without tokens (not coloured yet, plain text, no worker) it is
 * the text alone; `marks` overlays find-in-file matches on top of either.
 */
import { memo, type CSSProperties, type ReactNode } from 'react';
import { tokenStyle } from './highlighter';
import { FONT_BOLD, FONT_ITALIC, FONT_UNDERLINE } from './protocol';

export interface LineMark {
  start: number;
  end: number;
  /** The current match of a find, drawn stronger. */
  current?: boolean;
}

export const HighlightedLine = memo(function HighlightedLine({ text, tokens, marks }: { text: string; tokens: readonly number[] | null; marks?: readonly LineMark[] }) {
  const spans: ReactNode[] = [];
  const pieces = tokens && tokens.length > 0 ? tokens : [text.length, -1];
  let from = 0;
  for (let k = 0; k < pieces.length; k += 2) {
    const end = Math.min(pieces[k]!, text.length);
    if (end <= from) continue;
    const style = styleFor(pieces[k + 1]!);
    pushMarked(spans, text, from, end, style, marks, `${k}`);
    from = end;
  }
  // Text past the last token (a line cut from tokenizing, or tokens from an older version).
  if (from < text.length) pushMarked(spans, text, from, text.length, undefined, marks, 'rest');
  return <>{spans}</>;
});

function styleFor(id: number): CSSProperties | undefined {
  if (id < 0) return undefined;
  const s = tokenStyle(id);
  if (!s) return undefined;
  const css: CSSProperties = { color: s.color };
  if (s.fontStyle & FONT_ITALIC) css.fontStyle = 'italic';
  if (s.fontStyle & FONT_BOLD) css.fontWeight = 'bold';
  if (s.fontStyle & FONT_UNDERLINE) css.textDecoration = 'underline';
  return css;
}

/** A token's text, split where find marks start and end. */
function pushMarked(out: ReactNode[], text: string, from: number, to: number, style: CSSProperties | undefined, marks: readonly LineMark[] | undefined, key: string): void {
  const inside = marks?.filter((m) => m.end > from && m.start < to) ?? [];
  if (inside.length === 0) {
    out.push(
      <span key={key} style={style}>
        {text.slice(from, to)}
      </span>,
    );
    return;
  }
  let at = from;
  inside.forEach((m, n) => {
    const s = Math.max(m.start, from);
    const e = Math.min(m.end, to);
    if (s > at) out.push(<span key={`${key}.${n}a`} style={style}>{text.slice(at, s)}</span>);
    out.push(
      <mark key={`${key}.${n}m`} className={m.current ? 'code-find-mark is-current' : 'code-find-mark'} style={style}>
        {text.slice(s, e)}
      </mark>,
    );
    at = e;
  });
  if (at < to) out.push(<span key={`${key}.z`} style={style}>{text.slice(at, to)}</span>);
}
