// Compaction's pure parts: the token estimate and meter, the context window table and settings, the
// summary transcript with its bounds, the kept user messages, and the conversation rebuilt from a
// compaction item (which is what a thread reopened after a restart sends).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentItem, CommandExecutionItem, ContextCompactionItem, TokenUsage } from '../../../shared/contract';
import { buildTranscript, keptMessages, MAX_KEPT_USER_MESSAGES } from '../../../electron/core/agent/compaction/compact';
import { ContextMeter } from '../../../electron/core/agent/compaction/context-meter';
import { DEFAULT_CONTEXT_WINDOW, knownContextWindow, resolveContextWindow, saveContextWindow } from '../../../electron/core/agent/compaction/context-window';
import { sinceLastCompaction } from '../../../electron/core/agent/compaction/history';
import { SUMMARY_PREFIX, TRANSCRIPT_HEADING } from '../../../electron/core/agent/compaction/summary-prompt';
import { estimateConversationTokens, estimateRequestTokens, estimateTextTokens, IMAGE_TOKENS } from '../../../electron/core/agent/compaction/token-estimate';
import { buildConversation } from '../../../electron/core/agent/conversation';
import type { LoggedItem } from '../../../electron/core/agent/items';
import { Store } from '../../../electron/core/store';

let seq = 0;
const log = (turnId: string | null, item: AgentItem): LoggedItem => ({ turnId, seq: ++seq, item });
const user = (text: string): AgentItem => ({ type: 'userMessage', id: `u-${++seq}`, text, images: [], steer: null });
const said = (text: string, step: number): AgentItem => ({ type: 'agentMessage', id: `a-${++seq}`, text, step });
const ran = (id: string, step: number, output: string): CommandExecutionItem => ({
  type: 'commandExecution',
  id: `c-${id}`,
  call: { callId: id, name: 'shell', arguments: '{"command":"ls"}' },
  step,
  command: 'ls',
  cwd: '/repo',
  status: 'completed',
  exitCode: 0,
  output,
  durationMs: 10,
  timedOut: false,
  sandbox: 'workspace-write',
  terminalId: null,
  reason: null,
});
const compaction = (summary: string, kept: string[]): ContextCompactionItem => ({
  type: 'contextCompaction',
  id: `k-${++seq}`,
  summary,
  keptUserMessages: kept,
  replacedItems: 3,
  droppedItems: 0,
  tokensBefore: 9_000,
  tokensAfter: 700,
  trigger: 'auto',
  durationMs: 1_200,
});
const usage = (inputTokens: number): TokenUsage => ({ inputTokens, cachedInputTokens: 0, outputTokens: 10, reasoningOutputTokens: 0, totalTokens: inputTokens + 10 });
const noImages = async () => {
  throw new Error('no images here');
};

describe('the token estimate', () => {
  it('counts about four bytes a token, with the escapes the wire adds', () => {
    expect(estimateTextTokens('')).toBe(0);
    expect(estimateTextTokens('abcdefgh')).toBe(3); // "abcdefgh" with its quotes: 10 bytes
    // Newlines and quotes become two characters each in the request body.
    expect(estimateTextTokens('\n'.repeat(400))).toBeGreaterThan(estimateTextTokens('a'.repeat(400)));
    // Multi-byte text costs more than its length suggests.
    expect(estimateTextTokens('é'.repeat(400))).toBeGreaterThan(estimateTextTokens('e'.repeat(400)));
  });

  it('charges an image a fixed amount, not the length of its data URL', () => {
    const dataUrl = `data:image/png;base64,${'A'.repeat(400_000)}`;
    const tokens = estimateConversationTokens([{ kind: 'user', text: 'look', images: [{ dataUrl }] }]);
    expect(tokens).toBeGreaterThanOrEqual(IMAGE_TOKENS);
    expect(tokens).toBeLessThan(IMAGE_TOKENS + 50);
  });

  it('adds instructions, conversation and tool definitions', () => {
    const input = [{ kind: 'user' as const, text: 'x'.repeat(4_000), images: [] }];
    const tools = [{ name: 'shell', description: 'd'.repeat(400), parameters: { type: 'object' } }];
    const whole = estimateRequestTokens({ instructions: 'i'.repeat(800), input, tools });
    expect(whole).toBeGreaterThan(1_000 + 200 + 100);
    expect(whole).toBeLessThan(1_000 + 200 + 100 + 100);
  });
});

describe('the context meter', () => {
  it('uses the estimate before the first call', () => {
    expect(new ContextMeter().measure(1_234)).toBe(1_234);
  });

  it("builds on the server's count of the last request plus the estimate of what was added", () => {
    const meter = new ContextMeter();
    meter.measure(1_000);
    meter.record(usage(3_000)); // the server counts three times what we estimated
    expect(meter.measure(1_500)).toBe(3_500);
  });

  it('keeps the estimate when the server counts less (e.g. leaves tool definitions out)', () => {
    const meter = new ContextMeter();
    meter.measure(1_000);
    meter.record(usage(600));
    expect(meter.measure(1_500)).toBe(1_500);
  });

  it('forgets old counts once the history shrank (a compaction) or after reset', () => {
    const meter = new ContextMeter();
    meter.measure(8_000);
    meter.record(usage(20_000));
    expect(meter.measure(900)).toBe(900);
    meter.record(usage(2_000));
    meter.reset();
    expect(meter.measure(1_000)).toBe(1_000);
  });
});

describe('context windows', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('knows common models, with or without a vendor prefix, and defaults the rest', () => {
    expect(knownContextWindow('gpt-5.1')).toBe(272_000);
    expect(knownContextWindow('openai/gpt-4o-mini')).toBe(128_000);
    expect(knownContextWindow('gpt-4.1-mini')).toBe(1_047_576);
    expect(knownContextWindow('o4-mini')).toBe(200_000);
    expect(knownContextWindow('some-local-model:7b')).toBeNull();
  });

  it('lets a per-model setting win, and resets it with null', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-compaction-'));
    dirs.push(dir);
    const store = Store.open(dir);
    try {
      expect(resolveContextWindow(store, 'llamafile')).toMatchObject({ contextWindow: DEFAULT_CONTEXT_WINDOW, threshold: 0.9, source: 'default' });
      expect(saveContextWindow(store, { model: 'gpt-5.1', contextWindow: 100_000, threshold: 0.8 })).toMatchObject({ contextWindow: 100_000, threshold: 0.8, source: 'setting' });
      expect(resolveContextWindow(store, 'gpt-5-mini').source).toBe('known'); // other models untouched
      expect(saveContextWindow(store, { model: 'gpt-5.1', contextWindow: null, threshold: 0.8 })).toMatchObject({ contextWindow: 272_000, threshold: 0.8, source: 'known' });
      expect(saveContextWindow(store, { model: 'gpt-5.1', contextWindow: null, threshold: null })).toMatchObject({ threshold: 0.9, source: 'known' });
    } finally {
      store.close();
    }
  });
});

describe('the summary transcript', () => {
  it('keeps the newest items that fit and counts the oldest left out', () => {
    const items = Array.from({ length: 40 }, (_, i) => log('t', ran(String(i), 1, `output of command ${i} `.repeat(40))));
    const all = buildTranscript(null, items, 1_000_000);
    expect(all.included).toBe(40);
    const some = buildTranscript(null, items, 2_000);
    expect(some.included).toBeLessThan(40);
    expect(some.included).toBeGreaterThan(0);
    expect(estimateTextTokens(some.text)).toBeLessThanOrEqual(2_000 + estimateTextTokens(TRANSCRIPT_HEADING) + 8);
    // The newest made it, the oldest did not.
    expect(some.text).toContain('output of command 39');
    expect(some.text).not.toContain('output of command 0 ');
  });

  it('cuts one huge output in the middle rather than dropping everything before it', () => {
    const items = [log('t', user('Fix the build in src/app.ts')), log('t', ran('1', 1, `${'x'.repeat(200_000)}\nError: exit 2 at the very end`))];
    const { text, included } = buildTranscript(null, items, 4_000);
    expect(included).toBe(2);
    expect(text).toContain('Fix the build in src/app.ts');
    expect(text).toContain('Error: exit 2 at the very end');
    expect(text).toMatch(/characters left out/);
  });

  it('starts from the previous handoff note', () => {
    const previous = compaction('## Critical data\n- /etc/app.conf', ['first task']);
    const { text } = buildTranscript(previous, [log('t', user('next step'))], 10_000);
    expect(text.indexOf('/etc/app.conf')).toBeLessThan(text.indexOf('next step'));
  });
});

describe('kept user messages', () => {
  it('keeps the most recent ones, oldest first, bounded in number and size', () => {
    const items = Array.from({ length: 20 }, (_, i) => log('t', user(`message ${i}`)));
    const kept = keptMessages(null, items, 100_000);
    expect(kept).toHaveLength(MAX_KEPT_USER_MESSAGES);
    expect(kept.at(-1)).toBe('message 19');
    expect(kept[0]).toBe(`message ${20 - MAX_KEPT_USER_MESSAGES}`);

    const long = Array.from({ length: 5 }, (_, i) => log('t', user(`${i} ${'y'.repeat(2_000)}`)));
    expect(keptMessages(null, long, 10_000).length).toBeLessThan(5); // 15 % of 10k tokens is ~1,500
  });

  it('always keeps the newest, cut to fit, and carries earlier kept messages forward', () => {
    const huge = keptMessages(null, [log('t', user(`task: ${'z'.repeat(100_000)} end`))], 10_000);
    expect(huge).toHaveLength(1);
    expect(huge[0]).toMatch(/^task: /);
    expect(huge[0]).toMatch(/ end$/);
    expect(estimateTextTokens(huge[0]!)).toBeLessThan(2_000);

    const carried = keptMessages(compaction('note', ['from before']), [log('t', user('now'))], 10_000);
    expect(carried).toEqual(['from before', 'now']);
  });
});

describe('the conversation after a compaction', () => {
  it('starts with the kept messages and the summary, then what came after', async () => {
    const thread = [
      log(null, user('Fix the parser; config in src/config.yaml')),
      log('t1', said('Looking.', 1)),
      log('t1', ran('1', 1, 'old output nobody needs to see again')),
      log('t1', compaction('## Progress\nFound the bug in parse().', ['Fix the parser; config in src/config.yaml'])),
      log('t1', ran('2', 2, 'new output')),
      log('t1', said('Fixed.', 3)),
    ];
    const entries = await buildConversation(thread, noImages);
    expect(entries.map((e) => e.kind)).toEqual(['user', 'user', 'assistant', 'toolResult', 'assistant']);
    expect(entries[0]).toMatchObject({ kind: 'user', text: 'Fix the parser; config in src/config.yaml' });
    expect(entries[1]).toMatchObject({ kind: 'user', text: `${SUMMARY_PREFIX}## Progress\nFound the bug in parse().` });
    expect(JSON.stringify(entries)).not.toContain('old output nobody needs');
    expect(entries[3]).toMatchObject({ kind: 'toolResult', callId: '2' });
  });

  it('uses only the latest of several compactions', async () => {
    const thread = [log(null, user('a')), log('t', compaction('first note', ['a'])), log(null, user('b')), log('t2', compaction('second note', ['a', 'b'])), log(null, user('c'))];
    const entries = await buildConversation(thread, noImages);
    const text = JSON.stringify(entries);
    expect(text).toContain('second note');
    expect(text).not.toContain('first note');
    expect(entries.map((e) => (e.kind === 'user' ? e.text.slice(0, 6) : e.kind))).toEqual(['a', 'b', SUMMARY_PREFIX.slice(0, 6), 'c']);
    expect(sinceLastCompaction(thread).items).toHaveLength(1);
  });
});
