/** The model's Markdown becomes a plain tree (never HTML); only web and mail links are links. */
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from '../../../renderer/src/ui/markdown/parse';

describe('the Markdown parser', () => {
  it('reads headings, paragraphs, lists, quotes, rules and fenced code', () => {
    const blocks = parseMarkdown('# Title\n\nSome *text*.\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n> quoted\n\n---\n\n```ts\nconst a = 1;\n```');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'rule', 'code']);
    expect(blocks[2]).toMatchObject({ kind: 'list', ordered: false, items: [[{ kind: 'paragraph' }], [{ kind: 'paragraph' }, { kind: 'list' }]] });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: true, start: 1 });
    expect(blocks[6]).toEqual({ kind: 'code', lang: 'ts', text: 'const a = 1;', closed: true });
  });

  it('treats an unclosed fence (a message still streaming) as code so far', () => {
    expect(parseMarkdown('Run:\n```sh\nnpm te')).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: 'Run:' }] },
      { kind: 'code', lang: 'sh', text: 'npm te', closed: false },
    ]);
  });

  it('reads inline code, bold, italic, strikethrough and links', () => {
    expect(parseInline('use `npm test` **now** _please_ ~~not~~ [docs](https://example.com/a)')).toEqual([
      { kind: 'text', text: 'use ' },
      { kind: 'code', text: 'npm test' },
      { kind: 'text', text: ' ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'now' }] },
      { kind: 'text', text: ' ' },
      { kind: 'em', children: [{ kind: 'text', text: 'please' }] },
      { kind: 'text', text: ' ' },
      { kind: 'del', children: [{ kind: 'text', text: 'not' }] },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'https://example.com/a', children: [{ kind: 'text', text: 'docs' }] },
    ]);
  });

  it('keeps snake_case words and lone markers as text', () => {
    expect(parseInline('call my_fn_name with 2 * 3')).toEqual([{ kind: 'text', text: 'call my_fn_name with 2 * 3' }]);
  });

  it('never makes a link of javascript:, data: or file: targets, and keeps HTML as text', () => {
    expect(parseInline('[x](javascript:alert(1))')).toEqual([{ kind: 'text', text: 'x' }, { kind: 'text', text: ')' }]);
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('file:///etc/passwd')).toBeNull();
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
  });

  it('links bare URLs without their trailing punctuation', () => {
    expect(parseInline('see https://example.com/x.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', href: 'https://example.com/x', children: [{ kind: 'text', text: 'https://example.com/x' }] },
      { kind: 'text', text: '.' },
    ]);
  });
});
