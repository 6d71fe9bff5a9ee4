/** The quick-ask answer's Markdown (a tree, never HTML) and the list of recent quick asks. */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../renderer/src/ui/markdown/parse';
import { readRecentAsks, rememberAsk, RECENT_ASKS_KEY, RECENT_ASKS_LIMIT } from '../../../renderer/src/features/quick-ask/recent-asks';
import { parseHandoff } from '../../../renderer/src/features/quick-ask/handoff-message';

class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

describe('the answer’s Markdown (the shared renderer, ui/markdown)', () => {
  it('reads headings, lists, fenced code and inline marks', () => {
    const blocks = parseMarkdown('## Why\nThe **build** fails in `checkout.ts`.\n\n- one\n- *two*\n\n1. first\n\n```ts\nconst a = 1;\n```');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'code']);
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      children: [
        { kind: 'text', text: 'The ' },
        { kind: 'strong', children: [{ kind: 'text', text: 'build' }] },
        { kind: 'text', text: ' fails in ' },
        { kind: 'code', text: 'checkout.ts' },
        { kind: 'text', text: '.' },
      ],
    });
    expect(blocks[4]).toEqual({ kind: 'code', lang: 'ts', text: 'const a = 1;', closed: true });
  });

  it('keeps HTML as text and links only to http(s)', () => {
    const [p] = parseMarkdown('<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://example.com)');
    expect(p?.kind).toBe('paragraph');
    const children = p?.kind === 'paragraph' ? p.children : [];
    expect(children.some((c) => c.kind === 'link' && c.href.startsWith('javascript'))).toBe(false);
    expect(children[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('<img src=x onerror=alert(1)>') });
    expect(children.find((c) => c.kind === 'link')).toEqual({ kind: 'link', href: 'https://example.com/', children: [{ kind: 'text', text: 'b' }] });
  });

  it('renders a fence still streaming as code so far', () => {
    expect(parseMarkdown('Try:\n```bash\nnpm ins')).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: 'Try:' }] },
      { kind: 'code', lang: 'bash', text: 'npm ins', closed: false },
    ]);
  });
});

describe('recent quick asks', () => {
  it('keeps the newest first, without duplicates, up to the limit', () => {
    const s = new MemoryStorage();
    for (let i = 0; i < RECENT_ASKS_LIMIT + 3; i++) rememberAsk(s, { threadId: `t${i}`, question: `q${i}`, askedAt: i });
    rememberAsk(s, { threadId: 't5', question: 'again', askedAt: 99 });
    const list = readRecentAsks(s);
    expect(list).toHaveLength(RECENT_ASKS_LIMIT);
    expect(list[0]).toEqual({ threadId: 't5', question: 'again', askedAt: 99 });
    expect(list.filter((a) => a.threadId === 't5')).toHaveLength(1);
  });

  it('survives damaged storage and no storage', () => {
    const s = new MemoryStorage();
    s.setItem(RECENT_ASKS_KEY, '{not json');
    expect(readRecentAsks(s)).toEqual([]);
    s.setItem(RECENT_ASKS_KEY, JSON.stringify([{ threadId: 1 }, { threadId: 't', question: 'q', askedAt: 1 }]));
    expect(readRecentAsks(s)).toEqual([{ threadId: 't', question: 'q', askedAt: 1 }]);
    expect(readRecentAsks(null)).toEqual([]);
  });

  it('reads the desktop handoff to the main window', () => {
    expect(parseHandoff(JSON.stringify({ threadId: 'th_1', at: 5 }))).toBe('th_1');
    expect(parseHandoff('nope')).toBeNull();
    expect(parseHandoff(null)).toBeNull();
  });
});
