/**
 * `path:line[:col]` links in terminals (xterm's link provider API): a hovered line is scanned with the
 * shared detector, candidates are confirmed by the core against the terminal's current folder (so
 * "example.com:443" or a file that does not exist never lights up), and a click opens the code view
 * at that line. Wrapped lines are read whole, so a long path broken across rows still links.
 */
import type { IBufferLine, IDisposable, ILink, Terminal } from '@xterm/xterm';
import { findCodeLinks } from '../../../../shared/code-links';
import type { ResolvedCodeLink } from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';
import { codeFeatureFor } from './code-store';

/** Answers are reused this long: hovering along one line asks once; a `cd` is seen soon after. */
const CACHE_MS = 5_000;
const MAX_CACHED = 200;
/** Logical lines longer than this are not scanned (a dumped blob, not a compiler message). */
const MAX_LINE_CHARS = 4_000;

interface LogicalLine {
  text: string;
  /** Buffer row (0-based) where the logical line starts. */
  firstRow: number;
}

export function registerCodeLinks(terminal: Terminal, client: TandemClient, terminalId: string): IDisposable {
  const cache = new Map<string, { at: number; links: Promise<ResolvedCodeLink[]> }>();

  const resolve = (text: string): Promise<ResolvedCodeLink[]> => {
    const now = Date.now();
    const hit = cache.get(text);
    if (hit && now - hit.at < CACHE_MS) return hit.links;
    const links = client.invoke('code.resolveLink', { text, terminalId }).then(
      (r) => r.links,
      () => [],
    );
    cache.set(text, { at: now, links });
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    return links;
  };

  return terminal.registerLinkProvider({
    provideLinks(bufferLineNumber, callback) {
      const row = bufferLineNumber - 1;
      const line = logicalLine(terminal, row);
      if (!line || line.text.length > MAX_LINE_CHARS || findCodeLinks(line.text, { maxLinks: 1 }).length === 0) {
        callback(undefined);
        return;
      }
      void resolve(line.text).then((resolved) => {
        const cols = terminal.cols;
        const links: ILink[] = [];
        for (const link of resolved) {
          if (link.start === null || link.end === null) continue;
          const start = { x: (link.start % cols) + 1, y: line.firstRow + Math.floor(link.start / cols) + 1 };
          const last = link.end - 1;
          const end = { x: (last % cols) + 1, y: line.firstRow + Math.floor(last / cols) + 1 };
          // Only links that touch the hovered row.
          if (end.y < bufferLineNumber || start.y > bufferLineNumber) continue;
          links.push({
            range: { start, end },
            text: line.text.slice(link.start, link.end),
            decorations: { underline: true, pointerCursor: true },
            activate: () => {
              void codeFeatureFor(client).openCodeAt(link.path, link.line, link.column, { root: link.root });
            },
          });
        }
        callback(links.length ? links : undefined);
      });
    },
  });
}

/** The whole logical line around `row`: rows joined while the next one is a wrap of it. */
function logicalLine(terminal: Terminal, row: number): LogicalLine | null {
  const buffer = terminal.buffer.active;
  let first = row;
  while (first > 0 && buffer.getLine(first)?.isWrapped) first--;
  const parts: string[] = [];
  let r = first;
  let current: IBufferLine | undefined = buffer.getLine(r);
  while (current) {
    const next = buffer.getLine(r + 1);
    // A row continued by the next one is full width: keep its trailing blanks so offsets map to cells.
    parts.push(current.translateToString(!next?.isWrapped));
    if (!next?.isWrapped) break;
    r++;
    current = next;
  }
  if (parts.length === 0) return null;
  return { text: parts.join(''), firstRow: first };
}
