// The terminals provider, fed `terminal.command` records through the real EventBus as the terminals
// feature emits them.
import { describe, expect, it } from 'vitest';
import type { TerminalCommand } from '../../../shared/contract';
import { TerminalCommandFeed, TerminalProvider } from '../../../electron/core/context/providers/terminals';
import { takeSnapshot } from '../../../electron/core/context/snapshot';
import { EventBus } from '../../../electron/core/transport/event-bus';

const NOW = 1_750_000_000_000;
let seq = 0;
function record(over: Partial<TerminalCommand>): TerminalCommand {
  seq++;
  return {
    id: `t1:${seq}`,
    terminalId: 't1',
    seq,
    command: 'npm test',
    cwd: '/home/ada/proj',
    startedAt: NOW - 65_000,
    endedAt: NOW - 60_000,
    exitCode: 0,
    output: 'ok\n',
    outputTruncated: false,
    outputRange: { start: 0, end: 3 },
    ...over,
  };
}

async function snapshotOf(feed: TerminalCommandFeed) {
  return takeSnapshot({ providers: [new TerminalProvider(feed, { now: () => NOW })], budgetMs: 100, readActiveWindow: null, exclusionFor: () => null });
}

describe('terminal commands as context', () => {
  it('shows the newest commands first with folder, exit code and output', async () => {
    const events = new EventBus();
    const feed = new TerminalCommandFeed(events);
    events.emit('terminal.command', record({ command: 'git status', output: 'On branch main\n' }));
    events.emit('terminal.command', record({ command: 'npm test', exitCode: 1, endedAt: NOW - 5000, startedAt: NOW - 8200, output: '\u001b[31mFAIL\u001b[0m src/a.test.ts\r\nExpected 2, got 3\r\n' }));
    const snap = await snapshotOf(feed);
    expect(snap.chips.map((c) => c.label)).toEqual(['Failed (exit 1) · $ npm test', 'exit 0 · $ git status']);
    expect(snap.chips[0]!.text).toBe(
      ['Command: npm test', 'Folder: /home/ada/proj', 'Exit code: 1 (failed)', 'Finished 5 s ago, after 3.2 s', 'Output:', 'FAIL src/a.test.ts', 'Expected 2, got 3'].join('\n'),
    );
    expect(snap.chips[0]!.source).toBe('terminal feed');
    feed.dispose();
  });

  it('keeps at most three commands, and the end of a long output', async () => {
    const events = new EventBus();
    const feed = new TerminalCommandFeed(events);
    for (let i = 0; i < 6; i++) events.emit('terminal.command', record({ command: `step ${i}` }));
    events.emit('terminal.command', record({ command: 'make', exitCode: 2, output: `${'noise\n'.repeat(2000)}make: *** [all] Error 2\n`, outputTruncated: true }));
    const snap = await snapshotOf(feed);
    expect(snap.chips).toHaveLength(3);
    const make = snap.chips[0]!;
    expect(make.truncated).toBe(true);
    expect(make.text).toMatch(/Output \(last part\):\n\[… \d+ earlier characters cut\]\n/);
    expect(make.text.endsWith('make: *** [all] Error 2')).toBe(true);
    feed.dispose();
  });

  it('leaves out a command kept out of history, and redacts secrets in the rest', async () => {
    const events = new EventBus();
    const feed = new TerminalCommandFeed(events);
    const token = `ghp_${'Zz9y'.repeat(9)}`;
    events.emit('terminal.command', record({ command: `curl -H "Authorization: Bearer ${token}" https://api.github.com/user`, output: '{"login":"ada"}' }));
    events.emit('terminal.command', record({ command: null, output: 'my secret output' }));
    const snap = await snapshotOf(feed);
    expect(snap.chips).toHaveLength(1);
    expect(JSON.stringify(snap)).not.toContain('my secret output');
    expect(JSON.stringify(snap)).not.toContain(token);
    expect(snap.redactions.reduce((n, r) => n + r.count, 0)).toBe(1);
    feed.dispose();
  });

  it('stops listening when disposed, and knows the recent folders', () => {
    const events = new EventBus();
    const feed = new TerminalCommandFeed(events);
    events.emit('terminal.command', record({ cwd: '/a' }));
    events.emit('terminal.command', record({ cwd: '/b' }));
    events.emit('terminal.command', record({ cwd: '/a' }));
    expect(feed.recentFolders(5)).toEqual(['/a', '/b']);
    feed.dispose();
    expect(events.listenerCount).toBe(0);
    events.emit('terminal.command', record({ cwd: '/c' }));
    expect(feed.recent(10)).toEqual([]);
  });
});
