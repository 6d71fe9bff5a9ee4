/**
 * The live path through the whole core: a real bash in a real pty runs a real failing pytest; shell
 * integration reports the finished command; the suggestions service turns it into an inbox entry and a
 * card at that break; fixing the code and rerunning green expires the card.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, Suggestion, SuggestionExplanation, TerminalInfo } from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/app';
import { FileKeychain } from '../../../electron/core/secrets/file-keychain';
import { forkPtyHost } from '../../../electron/core/terminals/host-channel';
import { makeTempDir } from '../../support/temp-dir';
import { buildPtyHost } from '../terminals/support/harness';

let tmp: ReturnType<typeof makeTempDir>;
let core: Core;
const seen: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  tmp = makeTempDir('tandem-live-suggestions-');
  core = createCore({
    dataDir: path.join(tmp.dir, 'data'),
    version: 't',
    env: {},
    platform: { mode: 'web', keychain: new FileKeychain(tmp.dir), hotkey: null },
    terminals: { launcher: forkPtyHost({ entry: await buildPtyHost() }), homeDir: tmp.dir },
  });
  core.events.subscribe((event, payload) => seen.push({ event, payload }));
});

afterAll(async () => {
  await core?.dispose();
  tmp?.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.router.dispatch(method, input, { clientId: 'test' });
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.result as T;
}

async function waitFor<T>(what: string, find: () => T | undefined, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; events: ${seen.map((s) => s.event).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a failing command in a real terminal', () => {
  it('becomes a card at the end of the command, and expires when the tests pass again', async () => {
    const project = path.join(tmp.dir, 'proj');
    fs.mkdirSync(path.join(project, 'tests'), { recursive: true });
    fs.writeFileSync(path.join(project, 'prices.py'), 'def with_tax(cents, percent):\n    return cents + cents * percent // 100\n');
    fs.writeFileSync(path.join(project, 'tests', 'test_prices.py'), 'from prices import with_tax\n\n\ndef test_rounds_half_up():\n    assert with_tax(99, 9) == 108\n');

    const terminal = await call<TerminalInfo>('terminal.create', { shell: 'bash', cwd: project, env: { PYTHONDONTWRITEBYTECODE: '1' } });
    await call('terminal.write', { id: terminal.id, data: 'python3 -m pytest -q -p no:cacheprovider --rootdir=. tests\r' });

    const card = await waitFor('a surfaced suggestion', () => seen.find((s) => s.event === 'suggestions.surfaced')?.payload as Suggestion | undefined);
    expect(card).toMatchObject({ kind: 'test-failure', status: 'surfaced', title: 'test_rounds_half_up failed (pytest)' });
    expect(card.action).toEqual({
      type: 'fix-in-worktree',
      repo: project,
      command: 'python3 -m pytest -q -p no:cacheprovider --rootdir=. tests',
      locations: [{ name: 'test_rounds_half_up', file: 'tests/test_prices.py', line: 5 }],
      outputTail: expect.stringMatching(/FAILED tests\/test_prices\.py::test_rounds_half_up[\s\S]*1 failed in /),
    });
    expect((await call<Suggestion[]>('suggestions.list', {})).map((s) => s.id)).toEqual([card.id]);
    const why = await call<SuggestionExplanation>('suggestions.explain', { id: card.id });
    expect(why.lines).toContain('It was a natural break: `python3 -m pytest -q -p no:cacheprovider --rootdir=. tests` had just finished.');

    fs.writeFileSync(path.join(project, 'prices.py'), 'def with_tax(cents, percent):\n    return cents + (cents * percent + 50) // 100\n');
    await call('terminal.write', { id: terminal.id, data: 'python3 -m pytest -q -p no:cacheprovider --rootdir=. tests\r' });
    await waitFor('the card to expire', () => seen.find((s) => s.event === 'suggestions.changed' && (s.payload as Suggestion).id === card.id && (s.payload as Suggestion).status === 'expired'));
    expect((await call<Suggestion[]>('suggestions.list', {}))[0]?.status).toBe('expired');
  });
});
