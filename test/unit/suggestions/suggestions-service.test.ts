import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, Suggestion, TerminalCommand } from '../../../shared/contract';
import { Store } from '../../../electron/core/store';
import { SimulatedClock } from '../../../electron/core/suggestions/clock';
import { SuggestionsService, type ClipboardCopy } from '../../../electron/core/suggestions/suggestions-service';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { Router, type Handlers } from '../../../electron/core/transport/router';
import { makeTempDir } from '../../support/temp-dir';
import { toolOutput } from './tool-output';

const PY = '/tmp/sugg-cap/py/proj';

function terminalCommand(over: Partial<TerminalCommand> = {}): TerminalCommand {
  return {
    id: 't1:1',
    terminalId: 't1',
    seq: 1,
    command: 'pytest -q',
    cwd: PY,
    startedAt: 1_000,
    endedAt: 3_900,
    exitCode: 1,
    output: toolOutput('pytest/failures-q.txt'),
    outputTruncated: false,
    outputRange: { start: 0, end: 100 },
    ...over,
  };
}

describe('SuggestionsService', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: Store;
  let events: EventBus;
  let sent: { event: EventName; payload: unknown }[];
  let paused: boolean;
  let clipboard: ((copy: ClipboardCopy) => void) | null;
  let services: SuggestionsService[];

  beforeEach(() => {
    tmp = makeTempDir('tandem-suggestions-');
    store = Store.open(tmp.dir);
    events = new EventBus();
    sent = [];
    events.subscribe((event, payload) => sent.push({ event, payload }));
    paused = false;
    clipboard = null;
    services = [];
  });

  afterEach(() => {
    for (const s of services) s.dispose();
    store.close();
    tmp.cleanup();
  });

  function start(clock = new SimulatedClock(Date.now())) {
    const service = new SuggestionsService({
      store,
      events,
      clock,
      isPaused: () => paused,
      onClipboardChange: (listener) => {
        clipboard = listener;
        return () => {
          clipboard = null;
        };
      },
    });
    services.push(service);
    const router = new Router(service.handlers() as unknown as Handlers, { error: () => {} });
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const result = await router.dispatch(method, input, { clientId: 'test' });
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.result as T;
    };
    return { service, clock, call };
  }

  const surfaced = () => sent.filter((s) => s.event === 'suggestions.surfaced').map((s) => s.payload as Suggestion);

  it('turns a finished terminal command into an inbox entry and a card', async () => {
    const { call } = start();
    events.emit('terminal.command', terminalCommand());
    expect(surfaced()).toHaveLength(1);
    const card = surfaced()[0]!;
    expect(card).toMatchObject({ kind: 'test-failure', status: 'surfaced', repo: PY, title: '4 failing tests (pytest) — first: test_discount_over_100_is_clamped' });
    expect(card.action).toMatchObject({ type: 'fix-in-worktree', command: 'pytest -q' });
    expect(sent.filter((s) => s.event === 'suggestions.changed').map((s) => (s.payload as Suggestion).status)).toEqual(['pending', 'surfaced']);
    const inbox = await call<Suggestion[]>('suggestions.list', {});
    expect(inbox.map((s) => [s.id, s.status])).toEqual([[card.id, 'surfaced']]);
    expect(await call<Suggestion[]>('suggestions.list', { status: 'pending' })).toEqual([]);
  });

  it('records accept, dismiss, "not useful" and say-why answers for learning', async () => {
    const { call } = start();
    events.emit('terminal.command', terminalCommand());
    events.emit('terminal.command', terminalCommand({ cwd: '/tmp/sugg-cap/ts', command: 'npx tsc -p .', exitCode: 2, output: toolOutput('tsc/errors.txt') }));
    events.emit('terminal.command', terminalCommand({ cwd: '/tmp/sugg-cap/node', command: 'node worker.js', output: toolOutput('node/unhandled-rejection.txt') }));
    const [test, build, crash] = surfaced();
    expect((await call<Suggestion>('suggestions.accept', { id: test!.id })).status).toBe('accepted');
    expect((await call<Suggestion>('suggestions.dismiss', { id: build!.id, notUseful: true })).status).toBe('dismissed');
    expect((await call<Suggestion>('suggestions.sayWhy', { id: crash!.id, reason: 'I crash it on purpose' })).status).toBe('dismissed');
    expect(store.feedback.forSituation('test-failure', PY, 'pytest')).toMatchObject([{ verdict: 'accepted', suggestionId: test!.id }]);
    expect(store.feedback.forSituation('build-failure', '/tmp/sugg-cap/ts', 'tsc')).toMatchObject([{ verdict: 'not_useful' }]);
    expect(store.feedback.forSituation('crash', '/tmp/sugg-cap/node', 'node')).toMatchObject([{ verdict: 'not_useful', reason: 'I crash it on purpose' }]);
  });

  it('validates input and reports unknown suggestions', async () => {
    const { call } = start();
    await expect(call('suggestions.snooze', { id: 'x', minutes: 0 })).rejects.toMatchObject({ code: 'invalid_input', message: 'Invalid input for suggestions.snooze (minutes: Snooze for at least a minute)' });
    await expect(call('suggestions.sayWhy', { id: 'x', reason: '  ' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('suggestions.accept', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found', message: 'No suggestion with id nope' });
    await expect(call('suggestions.explain', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('brings a snoozed card back to the inbox queue and surfaces it at a later break', async () => {
    const clock = new SimulatedClock(Date.now());
    const { call } = start(clock);
    events.emit('terminal.command', terminalCommand());
    const card = surfaced()[0]!;
    expect((await call<Suggestion>('suggestions.snooze', { id: card.id, minutes: 15 })).status).toBe('snoozed');
    clock.advanceBy(15 * 60_000);
    expect(store.suggestions.get(card.id)?.status).toBe('pending');
    events.emit('context.activeWindow' as EventName, { window: { app: 'code', title: 'a' }, excluded: null } as never);
    events.emit('context.activeWindow' as EventName, { window: { app: 'firefox', title: 'b' }, excluded: null } as never);
    expect(surfaced().map((s) => s.id)).toEqual([card.id, card.id]);
  });

  it('explains a suggestion, and says so when a restart lost the moment it was judged at', async () => {
    const { call, service } = start();
    events.emit('terminal.command', terminalCommand());
    const card = surfaced()[0]!;
    const why = await call<{ outcome: string; lines: string[] }>('suggestions.explain', { id: card.id });
    expect(why.outcome).toBe('surfaced');
    expect(why.lines).toContain('It was a natural break: `pytest -q` had just finished.');
    expect(why.lines[why.lines.length - 1]).toBe(`Evidence: ${card.why}`);
    service.dispose();
    const restarted = start();
    const after = await restarted.call<{ outcome: string; lines: string[] }>('suggestions.explain', { id: card.id });
    expect(after.outcome).toBe('unknown');
    expect(after.lines[0]).toBe('Tandem has restarted since this suggestion was made, so the moment it was judged at is no longer known.');
  });

  it('remembers what it learned and what it showed across a restart', async () => {
    const first = start();
    events.emit('terminal.command', terminalCommand({ command: 'pytest -q tests/test_invoice.py', output: toolOutput('pytest/failures-invoice-file.txt') }));
    await first.call('suggestions.dismiss', { id: surfaced()[0]!.id, notUseful: true });
    first.service.dispose();

    const second = start(new SimulatedClock(Date.now() + 11 * 60_000));
    events.emit('terminal.command', terminalCommand({ command: 'pytest -q tests/test_users.py', output: toolOutput('pytest/failures-users-file.txt') }));
    await second.call('suggestions.dismiss', { id: surfaced()[1]!.id, notUseful: true });
    second.service.dispose();

    // Two "not useful" answers for pytest in this repo: the next failure stays in the inbox.
    start(new SimulatedClock(Date.now() + 22 * 60_000));
    events.emit('terminal.command', terminalCommand());
    expect(surfaced()).toHaveLength(2);
    expect(store.suggestions.list({ status: 'pending' }).map((s) => s.title)).toEqual(['4 failing tests (pytest) — first: test_discount_over_100_is_clamped']);
    // …and the dismissed one is not offered again.
    events.emit('terminal.command', terminalCommand({ command: 'pytest -q tests/test_users.py', output: toolOutput('pytest/failures-users-file.txt') }));
    expect(store.suggestions.list()).toHaveLength(3);
  });

  it('listens to the pause, the window in front and the clipboard, and stops listening when disposed', () => {
    const before = events.listenerCount;
    paused = true;
    const { service } = start();
    events.emit('terminal.command', terminalCommand());
    expect(store.suggestions.list()).toEqual([]);
    events.emit('app.paused', { paused: false });
    events.emit('context.activeWindow' as EventName, { window: { app: 'zoom', title: 'Zoom Meeting' }, excluded: null } as never);
    events.emit('terminal.command', terminalCommand());
    expect(store.suggestions.list().map((s) => s.status)).toEqual(['pending']);
    events.emit('context.activeWindow' as EventName, { window: { app: 'code', title: 'x' }, excluded: null } as never);
    expect(surfaced()).toHaveLength(1);
    clipboard!({ text: toolOutput('java/uncaught-exception.txt') });
    expect(store.suggestions.list().map((s) => s.kind)).toContain('stack-trace');
    service.dispose();
    expect(events.listenerCount).toBe(before);
    expect(clipboard).toBeNull();
  });

  it('keeps a snooze across a restart: the card comes back when the snooze ends', async () => {
    const clock = new SimulatedClock(Date.now());
    const first = start(clock);
    events.emit('terminal.command', terminalCommand());
    const card = surfaced()[0]!;
    const snoozed = await first.call<Suggestion>('suggestions.snooze', { id: card.id, minutes: 20 });
    expect(snoozed.snoozedUntil).toBe(clock.now() + 20 * 60_000);
    first.service.dispose();

    const later = new SimulatedClock(clock.now() + 5 * 60_000);
    const second = start(later);
    expect((await second.call<Suggestion[]>('suggestions.list', {}))[0]).toMatchObject({ id: card.id, status: 'snoozed', snoozedUntil: snoozed.snoozedUntil });
    later.advanceBy(15 * 60_000);
    expect(store.suggestions.get(card.id)).toMatchObject({ status: 'pending', snoozedUntil: null });
    events.emit('context.activeWindow' as EventName, { window: { app: 'code', title: 'a' }, excluded: null } as never);
    events.emit('context.activeWindow' as EventName, { window: { app: 'firefox', title: 'b' }, excluded: null } as never);
    expect(surfaced().map((s) => s.id)).toEqual([card.id, card.id]);
  });

  it('an answer given after a restart to a card from before it still teaches, and the score survives another restart', async () => {
    const first = start();
    events.emit('terminal.command', terminalCommand({ command: 'pytest -q tests/test_invoice.py', output: toolOutput('pytest/failures-invoice-file.txt') }));
    const card = surfaced()[0]!;
    first.service.dispose();

    // Answered in the next run: the stored situation makes it learning, not only history.
    const second = start();
    await second.call('suggestions.dismiss', { id: card.id, notUseful: true });
    expect(store.feedback.forSituation('test-failure', PY, 'pytest')).toMatchObject([{ suggestionId: card.id, verdict: 'not_useful' }]);
    second.service.dispose();

    const scoreLine = async (run: ReturnType<typeof start>) => {
      const before = surfaced().length;
      events.emit('terminal.command', terminalCommand({ command: 'pytest -q tests/test_users.py', output: toolOutput('pytest/failures-users-file.txt') }));
      const added = store.suggestions.list()[0]!;
      const why = await run.call<{ lines: string[] }>('suggestions.explain', { id: added.id });
      return { surfaced: surfaced().length - before, lines: why.lines.filter((l) => l.startsWith('Your answers') || l.startsWith('Score')) };
    };
    const third = start(new SimulatedClock(Date.now() + 11 * 60_000));
    const once = await scoreLine(third);
    expect(once.lines[0]).toBe(`Your answers on failing tests in ${PY} (pytest): marked "not useful" once → −0.25.`);
    expect(once.lines[1]).toMatch(/^Score 0\.65 against a bar of /);
    third.service.dispose();
    // Forget the inbox row of that check, so the same evidence is judged afresh after the restart.
    store.db.prepare('DELETE FROM suggestions WHERE id = ?').run(store.suggestions.list()[0]!.id);

    const fourth = start(new SimulatedClock(Date.now() + 11 * 60_000));
    expect(await scoreLine(fourth)).toEqual(once);
  });

  it('lists each suggestion with the user\'s latest answer', async () => {
    const { call } = start();
    events.emit('terminal.command', terminalCommand());
    events.emit('terminal.command', terminalCommand({ cwd: '/tmp/sugg-cap/ts', command: 'npx tsc -p .', exitCode: 2, output: toolOutput('tsc/errors.txt') }));
    const [test, build] = surfaced();
    const answered = await call<Suggestion>('suggestions.sayWhy', { id: build!.id, reason: 'Generated code, not mine' });
    expect(answered.feedback).toMatchObject({ verdict: 'not_useful', reason: 'Generated code, not mine' });
    const inbox = await call<Suggestion[]>('suggestions.list', {});
    expect(inbox.find((s) => s.id === build!.id)?.feedback).toMatchObject({ verdict: 'not_useful', reason: 'Generated code, not mine' });
    expect(inbox.find((s) => s.id === test!.id)?.feedback).toBeNull();
  });

  it('tells the tray how many cards wait for an answer', async () => {
    const { call, service } = start();
    const counts = () => sent.filter((s) => s.event === 'suggestions.pending').map((s) => (s.payload as { count: number }).count);
    events.emit('terminal.command', terminalCommand());
    events.emit('terminal.command', terminalCommand({ cwd: '/tmp/sugg-cap/ts', command: 'npx tsc -p .', exitCode: 2, output: toolOutput('tsc/errors.txt') }));
    expect(counts()).toEqual([1, 2]);
    expect(service.pending()).toBe(2);
    const [test, build] = surfaced();
    await call('suggestions.accept', { id: test!.id });
    await call('suggestions.snooze', { id: build!.id, minutes: 5 });
    expect(counts()).toEqual([1, 2, 1, 0]);
    // A restart starts from the inbox's count.
    service.dispose();
    expect(start().service.pending()).toBe(0);
  });

  it('keeps the drafting switch (off by default) and the daily cap, and validates them', async () => {
    const { call } = start();
    expect(await call('suggestions.drafting.get', {})).toEqual({ enabled: false, dailyTokenCap: 200_000, usedToday: 0, modelConfigured: false });
    expect(await call('suggestions.drafting.set', { enabled: true, dailyTokenCap: 50_000 })).toMatchObject({ enabled: true, dailyTokenCap: 50_000 });
    expect(sent.filter((s) => s.event === 'suggestions.drafting').map((s) => s.payload)).toMatchObject([{ enabled: true, dailyTokenCap: 50_000 }]);
    await expect(call('suggestions.drafting.set', { dailyTokenCap: 10 })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await start().call('suggestions.drafting.get', {})).toMatchObject({ enabled: true, dailyTokenCap: 50_000 });
  });
});
