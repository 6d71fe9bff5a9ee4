// The snapshot runner: providers in parallel, each on its own budget, failing alone; chips redacted,
// cut to size and handed out as they are ready; exclusions shared through the one window read.
import { describe, expect, it } from 'vitest';
import type { ActiveWindowInfo, ContextChip } from '../../../shared/contract';
import type { ContextProvider, ProviderContext } from '../../../electron/core/context/providers/types';
import { MAX_LABEL_CHARS, takeSnapshot } from '../../../electron/core/context/snapshot';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

function provider(id: ContextProvider['id'], collect: ContextProvider['collect'], budgetMs?: number): ContextProvider {
  return { id, collect, ...(budgetMs ? { budgetMs } : {}) };
}

const text = (id: ContextProvider['id'], body: string, delay = 0) =>
  provider(id, async (ctx) => {
    await sleep(delay, ctx.signal);
    return { chips: [{ id, label: id, text: body, source: 'test', maxChars: 10_000 }] };
  });

const window: ActiveWindowInfo = {
  windowId: '0x1',
  app: 'KeePassXC',
  title: 'Passwords.kdbx',
  wmClass: 'KeePassXC',
  wmInstance: 'keepassxc',
  pid: 42,
  processName: 'keepassxc',
  derived: { category: 'other' },
};

describe('takeSnapshot', () => {
  it('cuts a hanging provider at its budget while the others answer', async () => {
    let aborted = false;
    const hang = provider('git', (ctx: ProviderContext) => {
      ctx.signal.addEventListener('abort', () => (aborted = true));
      return new Promise(() => {});
    });
    const started = performance.now();
    const snap = await takeSnapshot({
      providers: [text('selection', 'picked words', 5), hang, text('clipboard', 'copied words', 10)],
      budgetMs: 60,
      readActiveWindow: null,
      exclusionFor: () => null,
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(55);
    expect(elapsed).toBeLessThan(500);
    expect(aborted).toBe(true);
    expect(snap.chips.map((c) => [c.kind, c.text, c.error])).toEqual([
      ['selection', 'picked words', undefined],
      ['clipboard', 'copied words', undefined],
      ['git', '', 'No answer within 60 ms'],
    ]);
  });

  it('a provider that throws fails alone, with its message', async () => {
    const snap = await takeSnapshot({
      providers: [text('selection', 'ok'), provider('git', async () => Promise.reject(new Error('git is not installed')))],
      budgetMs: 100,
      readActiveWindow: null,
      exclusionFor: () => null,
    });
    expect(snap.chips.find((c) => c.kind === 'git')).toMatchObject({ error: 'git is not installed', text: '' });
    expect(snap.chips.find((c) => c.kind === 'selection')?.text).toBe('ok');
  });

  it('a provider may take longer than the default when it says so (the screenshot)', async () => {
    const slow = provider('screenshot', async () => {
      await sleep(80);
      return { chips: [{ id: 'screenshot', label: 'shot', text: 'image', source: 'test', maxChars: 100 }] };
    }, 1000);
    const snap = await takeSnapshot({ providers: [slow], budgetMs: 20, readActiveWindow: null, exclusionFor: () => null });
    expect(snap.chips[0]?.error).toBeUndefined();
  });

  it('hands chips out as they are ready, then returns them in provider order', async () => {
    const seen: string[] = [];
    const snap = await takeSnapshot({
      providers: [text('activeWindow', 'w', 40), text('git', 'g', 0), text('terminal', 't', 20)],
      budgetMs: 500,
      readActiveWindow: null,
      exclusionFor: () => null,
      snapshotId: 'snap-1',
      onChip: (c: ContextChip) => seen.push(c.kind),
    });
    expect(seen).toEqual(['git', 'terminal', 'activeWindow']);
    expect(snap.chips.map((c) => c.kind)).toEqual(['activeWindow', 'terminal', 'git']);
    expect(snap.id).toBe('snap-1');
  });

  it('redacts text, header and label, and counts each secret once', async () => {
    const token = `ghp_${'a1B2'.repeat(9)}`;
    const p = provider('terminal', async () => ({
      chips: [{ id: 't', label: `$ export GITHUB_TOKEN=${token}`, header: `Command: export GITHUB_TOKEN=${token}`, text: `echo ${token}`, source: 'test', maxChars: 1000 }],
    }));
    const snap = await takeSnapshot({ providers: [p], budgetMs: 100, readActiveWindow: null, exclusionFor: () => null });
    const chip = snap.chips[0]!;
    expect(JSON.stringify(chip)).not.toContain(token.slice(4));
    expect(chip.label).toBe('$ export GITHUB_TOKEN=[redacted:github-token]');
    expect(chip.text).toBe('Command: export GITHUB_TOKEN=[redacted:github-token]\necho [redacted:github-token]');
    expect(chip.redactions).toBe(2);
    expect(snap.redactions).toEqual([{ kind: 'github-token', count: 2 }]);
  });

  it('redacts before cutting, so a cut never leaves half a secret', async () => {
    const token = `ghp_${'a1B2'.repeat(9)}`;
    const body = `${'x'.repeat(30)} ${token}`; // the limit falls inside the token
    const p = provider('selection', async () => ({ chips: [{ id: 's', label: `Selection: “${body}”`, text: body, source: 'test', maxChars: 40 }] }));
    const chip = (await takeSnapshot({ providers: [p], budgetMs: 100, readActiveWindow: null, exclusionFor: () => null })).chips[0]!;
    expect(chip.truncated).toBe(true);
    expect(chip.text).not.toMatch(/ghp_a1B2/);
    expect(chip.text.startsWith(`${'x'.repeat(30)} [redacted:`)).toBe(true);
    expect(chip.label.length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
    expect(chip.label).not.toMatch(/ghp_a1/);
  });

  it('keeps the end of an output when told to', async () => {
    const p = provider('terminal', async () => ({ chips: [{ id: 't', label: 't', header: 'Command: make', text: `${'a'.repeat(100)}END`, source: 'test', maxChars: 10, keep: 'end' as const }] }));
    const chip = (await takeSnapshot({ providers: [p], budgetMs: 100, readActiveWindow: null, exclusionFor: () => null })).chips[0]!;
    expect(chip.text).toBe('Command: make\n[… 93 earlier characters cut]\naaaaaaaEND');
  });

  it('drops a clipboard chip that repeats the selection', async () => {
    const snap = await takeSnapshot({ providers: [text('selection', 'same words'), text('clipboard', 'same words', 5)], budgetMs: 100, readActiveWindow: null, exclusionFor: () => null });
    expect(snap.chips.map((c) => c.kind)).toEqual(['selection']);
  });

  it('reads the window once and shares it and its exclusion', async () => {
    let reads = 0;
    const asker = (id: ContextProvider['id']) =>
      provider(id, async (ctx) => {
        const [w, excluded] = await Promise.all([ctx.activeWindow(), ctx.exclusion()]);
        return excluded ? { chips: [], excluded: [`${id} held back: ${excluded}`] } : { chips: [{ id, label: id, text: w?.title ?? '', source: 't', maxChars: 100 }] };
      });
    const snap = await takeSnapshot({
      providers: [asker('activeWindow'), asker('selection'), asker('clipboard')],
      budgetMs: 200,
      readActiveWindow: async () => {
        reads++;
        return window;
      },
      exclusionFor: (w) => (w.app === 'KeePassXC' ? 'KeePassXC is excluded' : null),
    });
    expect(reads).toBe(1);
    expect(snap.chips).toEqual([]);
    expect(snap.excluded).toEqual(['activeWindow held back: KeePassXC is excluded', 'selection held back: KeePassXC is excluded', 'clipboard held back: KeePassXC is excluded']);
  });

  it('when the window cannot be read, exclusion-bound providers hold back', async () => {
    const p = provider('selection', async (ctx) => {
      const excluded = await ctx.exclusion();
      return excluded ? { chips: [], excluded: [excluded] } : { chips: [{ id: 's', label: 's', text: 'secret?', source: 't', maxChars: 100 }] };
    });
    const snap = await takeSnapshot({ providers: [p], budgetMs: 100, readActiveWindow: async () => Promise.reject(new Error('BadWindow')), exclusionFor: () => null });
    expect(snap.chips).toEqual([]);
    expect(snap.excluded).toEqual(['Tandem could not tell which app is in front']);
  });
});
