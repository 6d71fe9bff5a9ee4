/**
 * A small Markdown parser for the model's messages: headings, paragraphs, lists (nested by indent),
 * block quotes, fenced code, rules, and inline code, bold, italic, strikethrough, links and bare URLs.
 * It produces a plain tree that React renders as elements — never HTML strings — so nothing the model
 * writes can inject markup. It tolerates the half-written text of a message still streaming (an
 * unclosed fence is a code block so far).
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'del'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'break' };

export type Block =
  | { kind: 'heading'; level: number; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'code'; lang: string; text: string; closed: boolean }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'rule' };

/** Only web and mail links are links; anything else (javascript:, file:, data:) stays text. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  if (/^(https?:\/\/|mailto:)/i.test(trimmed)) {
    try {
      return new URL(trimmed).href;
    } catch {
      return null;
    }
  }
  return null;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const BULLET = /^(\s*)([-*+])\s+(.*)$/;
const ORDERED = /^(\s*)(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'));
}

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', children: parseInline(para.join('\n')) });
    para = [];
  };
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1]!;
      const body: string[] = [];
      let closed = false;
      i++;
      while (i < lines.length) {
        const l = lines[i]!;
        if (l.trim().startsWith(marker[0]!.repeat(marker.length)) && l.trim().replace(new RegExp(`^\\${marker[0]}+`), '').trim() === '') {
          closed = true;
          i++;
          break;
        }
        body.push(l);
        i++;
      }
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: body.join('\n'), closed });
      continue;
    }
    if (line.trim() === '') {
      flush();
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length, children: parseInline(heading[2]!) });
      i++;
      continue;
    }
    if (RULE.test(line) && para.length === 0) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      flush();
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) {
        inner.push(QUOTE.exec(lines[i]!)![1]!);
        i++;
      }
      blocks.push({ kind: 'quote', children: parseBlocks(inner) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = ORDERED.exec(line);
    if (bullet || ordered) {
      flush();
      const isOrdered = !bullet;
      const base = indentOf(line);
      const items: string[][] = [];
      const start = ordered ? Number(ordered[2]) : 1;
      while (i < lines.length) {
        const l = lines[i]!;
        const m = isOrdered ? ORDERED.exec(l) : BULLET.exec(l);
        if (m && indentOf(l) === base) {
          items.push([m[3]!]);
          i++;
          continue;
        }
        if (l.trim() === '') {
          // A blank line ends the list unless the next line continues it.
          const next = lines[i + 1];
          if (next !== undefined && (indentOf(next) > base || (isOrdered ? ORDERED : BULLET).test(next)) && next.trim() !== '') {
            items[items.length - 1]?.push('');
            i++;
            continue;
          }
          break;
        }
        if (indentOf(l) > base && items.length) {
          items[items.length - 1]!.push(l.slice(Math.min(indentOf(l), base + 2)));
          i++;
          continue;
        }
        // A lazy continuation line of the item's paragraph.
        if (!FENCE.test(l) && !HEADING.test(l) && !BULLET.test(l) && !ORDERED.test(l) && items.length) {
          items[items.length - 1]!.push(l.trim());
          i++;
          continue;
        }
        break;
      }
      blocks.push({ kind: 'list', ordered: isOrdered, start, items: items.map((it) => parseBlocks(it)) });
      continue;
    }
    para.push(line);
    i++;
  }
  flush();
  return blocks;
}

const URL_RE = /https?:\/\/[^\s<>()[\]]*[^\s<>()[\].,;:!?'"]/y;

/** Inline spans, scanned left to right; unmatched markers stay as text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const push = (node: Inline) => {
    if (buf) out.push({ kind: 'text', text: buf });
    buf = '';
    out.push(node);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && /[\\`*_{}[\]()#+\-.!~>]/.test(text[i + 1]!)) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      // A hard break ("  \n" or "\\\n") or a soft one, shown as a line break: models write lines.
      buf = buf.replace(/ +$/, '');
      push({ kind: 'break' });
      i++;
      continue;
    }
    if (c === '`') {
      let ticks = 1;
      while (text[i + ticks] === '`') ticks++;
      const marker = '`'.repeat(ticks);
      const end = text.indexOf(marker, i + ticks);
      if (end > 0) {
        let code = text.slice(i + ticks, end);
        if (code.startsWith(' ') && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
        push({ kind: 'code', text: code });
        i = end + ticks;
        continue;
      }
      buf += marker;
      i += ticks;
      continue;
    }
    if ((c === '*' || c === '_') && text[i + 1] === c) {
      const marker = c + c;
      const end = text.indexOf(marker, i + 2);
      if (end > i + 2 && text[i + 2] !== ' ') {
        push({ kind: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (c === '~' && text[i + 1] === '~') {
      const end = text.indexOf('~~', i + 2);
      if (end > i + 2) {
        push({ kind: 'del', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (c === '*' || c === '_') {
      const prev = text[i - 1];
      const wordBefore = prev !== undefined && /\w/.test(prev);
      if (!(c === '_' && wordBefore) && text[i + 1] !== ' ' && text[i + 1] !== undefined) {
        let end = text.indexOf(c, i + 1);
        while (end > 0 && text[end + 1] === c) end = text.indexOf(c, end + 2);
        if (end > i + 1 && text[end - 1] !== ' ' && !(c === '_' && /\w/.test(text[end + 1] ?? ''))) {
          push({ kind: 'em', children: parseInline(text.slice(i + 1, end)) });
          i = end + 1;
          continue;
        }
      }
    }
    if (c === '[') {
      const close = findClosingBracket(text, i);
      if (close > 0 && text[close + 1] === '(') {
        const paren = text.indexOf(')', close + 2);
        if (paren > 0) {
          const url = text.slice(close + 2, paren).trim().split(/\s+/)[0] ?? '';
          const href = safeHref(url.replace(/^<|>$/g, ''));
          const label = parseInline(text.slice(i + 1, close));
          if (href) push({ kind: 'link', href, children: label });
          else {
            // Not a safe link: keep its label, drop the target.
            if (buf) out.push({ kind: 'text', text: buf });
            buf = '';
            out.push(...label);
          }
          i = paren + 1;
          continue;
        }
      }
    }
    if (c === 'h' && (i === 0 || /[\s(]/.test(text[i - 1]!))) {
      URL_RE.lastIndex = i;
      const m = URL_RE.exec(text);
      if (m) {
        const href = safeHref(m[0]);
        if (href) {
          push({ kind: 'link', href, children: [{ kind: 'text', text: m[0] }] });
          i += m[0].length;
          continue;
        }
      }
    }
    buf += c;
    i++;
  }
  if (buf) out.push({ kind: 'text', text: buf });
  return out;
}

function findClosingBracket(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '[') depth++;
    else if (text[j] === ']') {
      depth--;
      if (depth === 0) return j;
    } else if (text[j] === '\n' && text[j + 1] === '\n') return -1;
  }
  return -1;
}
