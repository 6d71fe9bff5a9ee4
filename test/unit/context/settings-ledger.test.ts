// Context settings (stored sparsely, validated) and the ledger service, against a real SQLite store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONTEXT_BUDGET_MS, type ContextChip, type EventName } from '../../../shared/contract';
import { LEDGER_EXPORT_FORMAT, LedgerService } from '../../../electron/core/context/ledger-service';
import { contextForModel, sendableChips } from '../../../electron/core/context/prompt';
import { CONTEXT_SETTINGS_KEY, ContextSettingsStore } from '../../../electron/core/context/settings';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { makeTempDir } from '../../support/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let store: Store;
beforeEach(() => {
  tmp = makeTempDir();
  store = Store.open(tmp.dir);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('context settings', () => {
  it('defaults: every provider on, 50 ms, every built-in exclusion on', () => {
    const s = new ContextSettingsStore(store.settings).get();
    expect(Object.values(s.providers).every(Boolean)).toBe(true);
    expect(s.budgetMs).toBe(DEFAULT_CONTEXT_BUDGET_MS);
    expect(s.excludedApps).toEqual([]);
    expect(s.builtinExclusions.length).toBeGreaterThan(5);
    expect(s.builtinExclusions.every((b) => b.enabled)).toBe(true);
  });

  it('stores only what changed, and merges patches', () => {
    const settings = new ContextSettingsStore(store.settings);
    settings.update({ providers: { clipboard: false } });
    const s = settings.update({ excludedApps: ['Slack', ' slack ', 'title:Payroll'], builtinExclusions: { keepassxc: false }, budgetMs: 80 });
    expect(s.providers.clipboard).toBe(false);
    expect(s.providers.selection).toBe(true);
    expect(s.excludedApps).toEqual(['Slack', 'title:Payroll']);
    expect(s.builtinExclusions.find((b) => b.id === 'keepassxc')?.enabled).toBe(false);
    expect(store.settings.get(CONTEXT_SETTINGS_KEY)).toEqual({
      providers: { clipboard: false },
      excludedApps: ['Slack', 'title:Payroll'],
      disabledBuiltins: ['keepassxc'],
      budgetMs: 80,
    });
    expect(settings.update({ builtinExclusions: { keepassxc: true } }).builtinExclusions.every((b) => b.enabled)).toBe(true);
  });

  it('refuses an unknown built-in rule with a clear error', () => {
    expect(() => new ContextSettingsStore(store.settings).update({ builtinExclusions: { lastpas: false } })).toThrow(/Unknown built-in exclusion "lastpas"/);
  });

  it('ignores damaged stored values', () => {
    store.settings.set(CONTEXT_SETTINGS_KEY, { providers: { git: 'no' }, budgetMs: 5, excludedApps: 'Slack' });
    const s = new ContextSettingsStore(store.settings).get();
    expect(s.providers.git).toBe(true);
    expect(s.budgetMs).toBe(DEFAULT_CONTEXT_BUDGET_MS);
    expect(s.excludedApps).toEqual([]);
  });
});

const chips: ContextChip[] = [
  { id: 'activeWindow', kind: 'activeWindow', label: 'Code — main.py', text: 'App: Code\nFile: main.py', truncated: false, source: 'x11' },
  { id: 'selection', kind: 'selection', label: 'Selection', text: 'token [redacted:github-token]', truncated: false, source: 'xclip primary', redactions: 1 },
  { id: 'git:error', kind: 'git', label: 'Git', text: '', truncated: false, source: 'git', error: 'No answer within 50 ms' },
];

describe('the ledger', () => {
  it('records what went out, without error chips, and announces it', () => {
    const events = new EventBus();
    const seen: EventName[] = [];
    events.subscribe((e) => seen.push(e));
    const ledger = new LedgerService(store, events);
    const entry = ledger.record({ purpose: 'quick-ask', provider: 'openai', model: 'gpt-test', chips });
    expect(entry.context).toEqual([
      { kind: 'activeWindow', label: 'Code — main.py', chars: 23, text: 'App: Code\nFile: main.py' },
      { kind: 'selection', label: 'Selection', chars: 29, text: 'token [redacted:github-token]', redactions: 1 },
    ]);
    expect(entry.chars).toBe(52);
    expect(ledger.list()).toEqual([entry]);
    expect(seen).toEqual(['ledger.recorded']);
  });

  it('exports as JSON, oldest first, and clears', () => {
    const ledger = new LedgerService(store, new EventBus());
    ledger.record({ purpose: 'quick-ask', provider: 'openai', model: 'm', chips: chips.slice(0, 1) });
    ledger.record({ purpose: 'agent-turn', threadId: 'th1', provider: 'openai', model: 'm', chips: chips.slice(1, 2) });
    const out = ledger.export(new Date('2025-03-04T05:06:07Z'));
    expect(out.fileName).toBe('tandem-ledger-2025-03-04.json');
    expect(out.count).toBe(2);
    const doc = JSON.parse(out.json);
    expect(doc.format).toBe(LEDGER_EXPORT_FORMAT);
    expect(doc.entries.map((e: { purpose: string }) => e.purpose)).toEqual(['quick-ask', 'agent-turn']);
    expect(ledger.clear()).toEqual({ cleared: 2 });
    expect(ledger.list()).toEqual([]);
  });
});

describe('context in a prompt', () => {
  it('sends only chips with content, fenced, with fences longer than any backticks inside', () => {
    expect(sendableChips(chips).map((c) => c.kind)).toEqual(['activeWindow', 'selection']);
    const withTicks: ContextChip = { id: 's', kind: 'selection', label: 'Selection', text: 'use ```js\ncode\n```', truncated: false, source: 'x' };
    const prompt = contextForModel([withTicks]);
    expect(prompt).toContain('````\nuse ```js\ncode\n```\n````');
    expect(contextForModel([chips[2]!])).toBe('');
  });
});
