import { describe, expect, it } from 'vitest';
import { InMemoryFeedbackLedger, learnedAdjustment } from '../../../electron/core/suggestions/learning';
import { explain } from '../../../electron/core/suggestions/policy';
import { focus, idle, M, makePipeline, PY, runs, S, typing } from './pipeline-harness';
import { toolOutput } from './tool-output';

describe('breakpoints', () => {
  it('surfaces a failure the moment its command ends, when the user is not typing', () => {
    const p = makePipeline();
    p.at(0, focus('gnome-terminal'));
    p.at(1 * S, typing);
    p.at(2.5 * S, idle);
    p.at(6 * S, runs.pytestFails());
    expect(p.surfaced()).toEqual([{ at: 6 * S, kind: 'test-failure', id: expect.any(String) }]);
    const why = p.pipeline.explain(p.surfaced()[0]!.id);
    expect(why?.decision.reasons[0]).toEqual({ code: 'breakpoint', breakpoint: 'command-ended', detail: '`pytest -q` had just finished' });
  });

  it('takes the keys typed before a command started as the command itself, not as typing', () => {
    const p = makePipeline();
    p.at(0, typing);
    // No idle signal: the user pressed Enter at 1 s and waited for the 2.9 s run.
    p.at(3.9 * S, runs.pytestFails());
    expect(p.surfaced().map((s) => s.at)).toEqual([3.9 * S]);
  });

  it('never surfaces while the user types; waits for the pause after a real stretch of typing', () => {
    const p = makePipeline();
    p.at(0, focus('code', 'invoice.py - proj - Visual Studio Code'));
    p.at(1 * S, typing);
    p.at(2 * S, typing);
    p.at(3.5 * S, typing);
    // The run started at 1.1 s; the user kept typing while it ran.
    p.at(4 * S, runs.pytestFails());
    const id = p.last().id;
    expect(p.pipeline.explain(id)?.decision.reasons).toEqual([{ code: 'typing' }]);
    for (let t = 5 * S; t < 40 * S; t += 4 * S) p.at(t, typing);
    expect(p.surfaced()).toEqual([]);
    p.at(40 * S, idle);
    expect(p.surfaced().map((s) => s.at)).toEqual([40 * S]);
    expect(p.pipeline.explain(id)?.lines).toContain('It was a natural break: you had just stopped typing.');
  });

  it('does not count a pause after a short burst (a command line, a search box) as a break', () => {
    const p = makePipeline();
    p.at(0, focus('firefox'));
    p.at(1 * S, { type: 'clipboard', text: toolOutput('python/traceback.txt') });
    p.at(10 * S, typing);
    p.at(12 * S, idle);
    expect(p.surfaced()).toEqual([]);
    expect(p.pipeline.explain(p.last().id)?.decision.reasons).toEqual([{ code: 'no-breakpoint' }]);
  });

  it('treats typing as over when no idle signal comes', () => {
    const p = makePipeline();
    p.at(0, typing);
    p.at(2 * S, runs.pytestFails());
    for (let t = 4 * S; t <= 20 * S; t += 4 * S) p.at(t, typing);
    expect(p.surfaced()).toEqual([]);
    p.clock.advanceTo(60 * S);
    // Ten seconds after the last keystroke at 20 s.
    expect(p.surfaced().map((s) => s.at)).toEqual([30 * S]);
  });

  it('counts a switch to another app as a break, but not moving between files in one app', () => {
    const p = makePipeline();
    p.at(0, focus('firefox', 'CI log - Mozilla Firefox'));
    p.at(2 * S, { type: 'clipboard', text: toolOutput('python/traceback.txt') });
    p.at(10 * S, focus('firefox', 'Another tab - Mozilla Firefox'));
    expect(p.surfaced()).toEqual([]);
    p.at(20 * S, focus('code', 'invoice.py - proj - Visual Studio Code'));
    expect(p.surfaced()).toEqual([{ at: 20 * S, kind: 'stack-trace', id: expect.any(String) }]);
  });

  it('judges a signal that arrives just after a break (git reports the conflict after the merge command ended) at that break', () => {
    const p = makePipeline();
    p.at(0, typing);
    p.at(1 * S, idle);
    p.at(3 * S, { type: 'terminal.command', terminal: '1', cwd: '/r', command: 'git merge feature', exitCode: 1, durationMs: 100, output: toolOutput('git/merge-conflict.txt') });
    p.at(3.4 * S, { type: 'git', event: 'conflict', repo: '/r', branch: 'main', files: ['README.md', 'calc.py'] });
    expect(p.surfaced()).toEqual([{ at: 3.4 * S, kind: 'merge-conflict', id: expect.any(String) }]);
    p.at(9 * S, { type: 'clipboard', text: toolOutput('python/traceback.txt') });
    expect(p.surfaced()).toHaveLength(1);
  });

  it('shows one card per break; the next waits for the next break', () => {
    const p = makePipeline();
    p.at(0, focus('firefox'));
    p.at(1 * S, { type: 'clipboard', text: toolOutput('python/traceback.txt') });
    p.at(30 * S, { type: 'git', event: 'conflict', repo: '/r', branch: 'main', files: ['calc.py'] });
    p.at(40 * S, focus('code'));
    expect(p.surfaced().map((s) => s.kind)).toEqual(['stack-trace']);
    const waiting = p.pipeline.waiting()[0]!;
    expect(p.pipeline.explain(waiting.id)?.decision.reasons).toContainEqual({ code: 'one-per-break' });
    p.at(60 * S, focus('gnome-terminal'));
    expect(p.surfaced().map((s) => s.kind)).toEqual(['stack-trace', 'merge-conflict']);
  });
});

describe('caps and cooldowns', () => {
  it('allows four unasked interruptions per sliding hour', () => {
    const p = makePipeline();
    p.at(0, focus('gnome-terminal'));
    p.at(0, runs.pytestFails());
    p.at(12 * M, runs.tscFails());
    p.at(24 * M, runs.nodeCrash());
    p.at(36 * M, { type: 'terminal.command', terminal: '1', cwd: '/r', command: 'git merge feature', exitCode: 1, durationMs: 100, output: '' });
    p.at(36 * M + 500, { type: 'git', event: 'conflict', repo: '/r', branch: 'main', files: ['calc.py'] });
    expect(p.surfaced().map((s) => s.kind)).toEqual(['test-failure', 'build-failure', 'crash', 'merge-conflict']);

    p.at(48 * M, runs.pytestUsersFail());
    expect(p.surfaced()).toHaveLength(4);
    const held = p.pipeline.explain(p.last().id)!;
    expect(held.decision.reasons).toContainEqual({ code: 'hourly-cap', used: 4, cap: 4, freesInMs: 12 * M });
    expect(held.lines).toContain('4 of 4 interruptions this hour are used; the next one frees up in 12 min.');

    // The first interruption leaves the hour at 60 min; the next break after that lets the held one through.
    p.at(61 * M, focus('code'));
    expect(p.surfaced().map((s) => [s.at, s.kind])).toContainEqual([61 * M, 'test-failure']);
  });

  it('honours a different cap', () => {
    const p = makePipeline({ hourlyCap: 1 });
    p.at(0, runs.pytestFails());
    p.at(12 * M, runs.tscFails());
    expect(p.surfaced().map((s) => s.kind)).toEqual(['test-failure']);
  });

  it('keeps a cooldown per kind; other kinds are not held by it', () => {
    const p = makePipeline();
    p.at(0, focus('gnome-terminal'));
    p.at(0, runs.pytestInvoiceFail());
    p.at(3 * M, runs.pytestUsersFail());
    expect(p.pipeline.explain(p.last().id)?.decision.reasons).toContainEqual({ code: 'cooldown', kind: 'test-failure', agoMs: 3 * M, cooldownMs: 10 * M });
    p.at(4 * M, runs.tscFails());
    expect(p.surfaced().map((s) => [s.at, s.kind])).toEqual([
      [0, 'test-failure'],
      [4 * M, 'build-failure'],
    ]);
    // After ten minutes the waiting test failure may go at the next break.
    p.at(11 * M, focus('code'));
    expect(p.surfaced().map((s) => [s.at, s.kind])).toContainEqual([11 * M, 'test-failure']);
  });

  it('lets what the user asked for through without a break, outside the cap and cooldowns', () => {
    const p = makePipeline({ hourlyCap: 1 });
    p.at(0, runs.pytestFails());
    p.at(60 * S, { type: 'babysit', event: 'exited', terminal: '2', command: 'cargo build --release', exitCode: 0, output: toolOutput('cargo/build-release.txt') });
    p.at(90 * S, { type: 'agent.turnFinished', threadId: 't1', status: 'completed', title: 'Fix rounding', filesChanged: 2 });
    expect(p.surfaced().map((s) => s.kind)).toEqual(['test-failure', 'babysit-done', 'agent-done']);
    expect(explain(p.pipeline.explain(p.surfaced()[1]!.id)!.decision)[1]).toBe('You asked for this (a watched command or an agent turn you started), so it did not wait for a break.');
  });
});

describe('silence', () => {
  it('while paused, noticed problems are not even queued; what the user asked for waits for the resume', () => {
    const p = makePipeline();
    p.at(0, { type: 'pause', paused: true });
    p.at(5 * S, runs.pytestFails());
    p.at(10 * S, { type: 'babysit', event: 'exited', terminal: '2', command: 'npm run deploy', exitCode: 1, output: 'Error: deploy rejected: 403' });
    expect(p.candidates().map((c) => c.kind)).toEqual(['babysit-failed']);
    expect(p.pipeline.explain(p.last().id)?.lines[1]).toBe('Tandem is paused: nothing interrupts until you resume.');
    p.at(5 * M, { type: 'pause', paused: false });
    expect(p.surfaced().map((s) => [s.at, s.kind])).toEqual([[5 * M, 'babysit-failed']]);
  });

  it('stays silent while a meeting or a full-screen window is in front, and speaks at the switch away', () => {
    for (const window of [focus('zoom', 'Zoom Meeting'), focus('firefox', 'Meet - kqz-wmpx-tre - Mozilla Firefox'), focus('firefox', 'Talk - YouTube', true), focus('powerpnt.exe', 'PowerPoint Slide Show - deck.pptx')]) {
      const p = makePipeline();
      p.at(0, window);
      p.at(5 * S, runs.pytestFails());
      p.at(2 * M, { type: 'agent.turnFinished', threadId: 't', status: 'completed', filesChanged: 1 });
      expect(p.surfaced()).toEqual([]);
      expect(p.pipeline.explain(p.last('test-failure').id)?.decision.reasons[0]).toMatchObject({ code: 'quiet-app' });
      p.at(10 * M, focus('code'));
      p.at(10 * M + 30 * S, focus('gnome-terminal'));
      expect(p.surfaced().map((s) => s.kind).sort()).toEqual(['agent-done', 'test-failure']);
    }
  });
});

describe('the bar', () => {
  it('asks more of a weak candidate at a weaker moment and later in a busy hour', () => {
    // A lint failure (0.60) clears the bar at the end of its command (0.55) but not at an app switch (0.65).
    const p = makePipeline();
    p.at(0, focus('gnome-terminal'));
    p.at(0, typing);
    p.at(0.5 * S, runs.eslintFails());
    p.at(10 * S, focus('code'));
    const held = p.pipeline.explain(p.last().id)!;
    expect(held.decision.outcome).toBe('hold');
    expect(held.decision.score).toMatchObject({ confidence: 0.6, score: 0.6, bar: 0.65, barParts: { base: 0.55, moment: 0.1, spent: 0 } });
    expect(held.lines).toContain('Score 0.60 against a bar of 0.65 (0.55 to start, +0.10 for this kind of break).');

    const q = makePipeline();
    q.at(0, runs.eslintFails());
    expect(q.surfaced().map((s) => s.kind)).toEqual(['lint-failure']);
  });

  it('keeps a candidate below any bar in the inbox only', () => {
    const p = makePipeline();
    p.at(0, { type: 'terminal.command', terminal: '1', cwd: '/tmp/sugg-cap/vt', command: 'npm run lint', exitCode: 1, durationMs: 600, output: toolOutput('npm/missing-script.txt') });
    expect(p.surfaced()).toEqual([]);
    const withdrawn = p.events.find((e) => e.type === 'withdrawn');
    expect(withdrawn).toMatchObject({ reason: 'inbox-only' });
    expect(explain(p.pipeline.explain(p.last().id)!.decision)).toContain('Its score is below what any moment needs, so it will not interrupt you.');
  });
});

describe('learning', () => {
  it('three dismissals of pytest cards in a repo keep the next one in the inbox; other repos and kinds are unaffected', () => {
    const p = makePipeline();
    const failing = [runs.pytestInvoiceFail(), runs.pytestUsersFail(), runs.pytestNormalizeFail()];
    failing.forEach((run, i) => {
      p.at(i * 12 * M, run);
      const shown = p.surfaced()[i]!;
      expect(shown.kind).toBe('test-failure');
      p.clock.advanceBy(5 * S);
      p.pipeline.answer(shown.id, 'dismissed');
    });
    p.at(40 * M, runs.pytestFails());
    expect(p.surfaced()).toHaveLength(3);
    const inboxOnly = p.pipeline.explain(p.last().id)!;
    expect(inboxOnly.decision.outcome).toBe('drop');
    expect(inboxOnly.decision.score?.learned).toMatchObject({ dismissed: 3, adjustment: -0.36 });
    expect(inboxOnly.lines).toContain(`Your answers on failing tests in ${PY} (pytest): dismissed 3 times → −0.36.`);

    p.at(41 * M, runs.pytestFails('/tmp/sugg-cap/py/proj2'));
    // 61 min: the first card has left the hour, so the cap leaves room for another kind in this repo.
    p.at(61 * M, runs.tscFails(PY));
    expect(p.surfaced().map((s) => s.kind)).toEqual(['test-failure', 'test-failure', 'test-failure', 'test-failure', 'build-failure']);
  });

  it('"not useful" counts more than a dismissal', () => {
    const ledger = new InMemoryFeedbackLedger();
    const base = { kind: 'test-failure', repo: PY, situation: 'pytest', suggestionId: null, reason: null, at: 0 };
    ledger.record({ ...base, verdict: 'not_useful' });
    ledger.record({ ...base, verdict: 'not_useful' });
    const p = makePipeline({}, ledger);
    p.at(1 * S, runs.pytestFails());
    expect(p.surfaced()).toEqual([]);
    expect(p.pipeline.explain(p.last().id)?.decision.score?.learned).toMatchObject({ notUseful: 2, adjustment: -0.5 });
  });

  it('an accepted card lifts its kind over a bar it would not clear otherwise', () => {
    const run = (verdict: 'accepted' | 'dismissed') => {
      const p = makePipeline();
      p.at(0, focus('gnome-terminal'));
      p.at(0, runs.eslintFails());
      p.clock.advanceBy(20 * S);
      p.pipeline.answer(p.surfaced()[0]!.id, verdict);
      p.at(31 * M, typing);
      p.at(31 * M + 1 * S, runs.eslintFails(true));
      p.at(31 * M + 10 * S, focus('code'));
      return p;
    };
    const accepted = run('accepted');
    expect(accepted.surfaced().map((s) => s.at)).toEqual([0, 31 * M + 10 * S]);
    expect(accepted.pipeline.explain(accepted.surfaced()[1]!.id)?.decision.score).toMatchObject({ score: 0.7, bar: 0.7 });
    const dismissed = run('dismissed');
    expect(dismissed.surfaced().map((s) => s.at)).toEqual([0]);
  });

  it('fades old answers', () => {
    const day = 24 * 60 * M;
    const entry = (verdict: 'dismissed' | 'accepted', at: number) => ({ kind: 'test-failure', repo: PY, situation: 'pytest', verdict, at });
    expect(learnedAdjustment([entry('dismissed', 0)], 0).adjustment).toBe(-0.12);
    expect(learnedAdjustment([entry('dismissed', 0)], 14 * day).adjustment).toBe(-0.06);
    expect(learnedAdjustment([entry('dismissed', 0)], 140 * day).adjustment).toBe(-0);
    expect(learnedAdjustment([entry('accepted', 0), entry('accepted', 0), entry('accepted', 0)], 0).adjustment).toBe(0.2);
  });
});

describe('repeats, fixes and snoozes', () => {
  it('never queues the same suggestion twice, and not again for a day after a dismissal', () => {
    const p = makePipeline();
    p.at(0, runs.pytestFails());
    p.at(30 * S, runs.pytestFails());
    expect(p.candidates()).toHaveLength(1);
    p.pipeline.answer(p.surfaced()[0]!.id, 'dismissed');
    p.at(3 * 60 * M, runs.pytestFails());
    expect(p.candidates()).toHaveLength(1);
    p.at(25 * 60 * M, runs.pytestFails());
    expect(p.candidates()).toHaveLength(2);
  });

  it('withdraws a waiting failure when the same runner passes, and a shown one too', () => {
    const p = makePipeline();
    p.at(0, typing);
    p.at(1 * S, runs.pytestFails());
    p.at(4 * S, typing);
    p.at(8 * S, runs.pytestPasses());
    expect(p.events.filter((e) => e.type === 'withdrawn').map((e) => (e as { reason: string }).reason)).toEqual(['resolved']);
    p.at(30 * S, idle);
    expect(p.surfaced()).toEqual([]);

    const q = makePipeline();
    q.at(0, runs.tscFails());
    expect(q.surfaced()).toHaveLength(1);
    q.at(2 * M, { type: 'terminal.command', terminal: '1', cwd: '/tmp/sugg-cap/ts', command: 'npx tsc -p .', exitCode: 0, durationMs: 4000, output: '' });
    expect(q.events.map((e) => e.type)).toEqual(['candidate', 'surfaced', 'withdrawn']);
  });

  it('brings a snoozed card back after the snooze, at the next break', () => {
    const p = makePipeline();
    p.at(0, runs.pytestFails());
    p.pipeline.answer(p.surfaced()[0]!.id, 'snoozed', { snoozeMs: 20 * M });
    p.at(10 * M, focus('code'));
    expect(p.surfaced()).toHaveLength(1);
    p.clock.advanceTo(20 * M);
    expect(p.events.some((e) => e.type === 'woke')).toBe(true);
    p.at(21 * M, focus('gnome-terminal'));
    expect(p.surfaced().map((s) => s.at)).toEqual([0, 21 * M]);
  });

  it('lets stale candidates go and leaves no timer running at idle', () => {
    const p = makePipeline();
    p.at(0, focus('firefox'));
    p.at(1 * S, { type: 'clipboard', text: toolOutput('python/traceback.txt') });
    expect(p.clock.pendingTimers).toBe(1);
    p.clock.advanceTo(10 * M);
    expect(p.events.map((e) => e.type)).toEqual(['candidate', 'withdrawn']);
    expect(p.events[1]).toMatchObject({ reason: 'expired' });
    expect(p.clock.pendingTimers).toBe(0);
    p.pipeline.dispose();
  });
});

describe('explanations', () => {
  it('explain() says why a card was shown, in plain words with the numbers', () => {
    const p = makePipeline();
    p.at(0, runs.pytestFails());
    const { decision, lines } = p.pipeline.explain(p.surfaced()[0]!.id)!;
    expect(lines).toEqual([
      'Shown now: "4 failing tests (pytest) — first: test_discount_over_100_is_clamped".',
      'It was a natural break: `pytest -q` had just finished.',
      '0 of 4 interruptions this hour were used before this one.',
      'Its score clears the bar for this moment.',
      'Confidence from the evidence: 0.90.',
      `No answers yet on failing tests in ${PY} (pytest), so nothing learned changes the score.`,
      'Score 0.90 against a bar of 0.55 (0.55 to start).',
    ]);
    expect(explain(decision)).toEqual(lines);
  });

  it('explains holds and drops too', () => {
    const p = makePipeline();
    p.at(0, typing);
    p.at(1 * S, runs.pytestFails());
    expect(p.pipeline.explain(p.last().id)?.lines).toEqual(['Waiting for a better moment: "4 failing tests (pytest) — first: test_discount_over_100_is_clamped".', 'You were typing: it waits until you pause.']);
    p.clock.advanceTo(20 * M);
    expect(p.pipeline.explain(p.last().id)?.lines[1]).toBe('It waited 15 min without a good moment; suggestions about failing tests are only worth an interruption within 15 min.');
  });
});
