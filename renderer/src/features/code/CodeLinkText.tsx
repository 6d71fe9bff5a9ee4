/**
 * Text with its code references made clickable: `src/app.ts:42`, `File "x.py", line 3`, and — in
 * prose — plain paths like `src/app/main.ts`. A click opens the code view there. For agent messages,
 * review findings and suggestion cards; terminals use terminal-links.ts.
 */
import { useMemo } from 'react';
import { findCodeLinks } from '../../../../shared/code-links';
import { useCodeFeature } from './use-code';

export function CodeLinkText({ text, baseDir, bare = true }: { text: string; baseDir?: string; bare?: boolean }) {
  const feature = useCodeFeature();
  const links = useMemo(() => findCodeLinks(text, { bare, maxLinks: 200 }), [text, bare]);
  if (links.length === 0) return <>{text}</>;
  const parts = [];
  let at = 0;
  links.forEach((link, i) => {
    if (link.start > at) parts.push(text.slice(at, link.start));
    const shown = text.slice(link.start, link.end);
    parts.push(
      <a
        key={i}
        className="code-link"
        href={`#${encodeURIComponent(shown)}`}
        title={`Open ${link.path}${link.line ? ` at line ${link.line}` : ''}`}
        onClick={(e) => {
          e.preventDefault();
          void feature.openCodeAt(link.path, link.line, link.column, baseDir ? { baseDir } : {});
        }}
      >
        {shown}
      </a>,
    );
    at = link.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
