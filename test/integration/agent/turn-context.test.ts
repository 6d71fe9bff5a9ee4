// Context attached to turn.start (quick ask): the kept chips reach the model inside the user message,
// written by the context engine's formatter, and the ledger entry of that request lists exactly those
// chips with exactly the text the fake server received. A chip that was not attached is nowhere.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TurnContextChip } from '../../../shared/contract';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { AgentHarness } from './support/agent-harness';

let fake: FakeOpenAIServer;
let harness: AgentHarness | null = null;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  return () => fake.close();
});

afterEach(async () => {
  await harness?.close();
  harness = null;
  fake.assertNoViolations();
  fake.reset();
});

const gitChip: TurnContextChip = {
  id: 'git:/r',
  kind: 'git',
  label: 'Git: shop · main',
  text: 'Branch: main\nChanged files (1):\n  ?? kept-file-7d1.txt\ntoken [redacted:github-token]',
  truncated: false,
  source: 'git',
  redactions: 1,
};

describe('turn.start with context', () => {
  it('sends the attached chips with the question and records exactly them in the ledger', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'chat' }));
    fake.script([{ reply: { text: 'Commit the file.' } }]);
    const turn = await h.run('What should I do next?', { context: { chips: [gitChip, { ...gitChip, id: 'sel', kind: 'selection', text: '', label: 'empty' }] }, sandbox: 'read-only', approvalPolicy: 'never' });
    expect(turn.status).toBe('completed');
    expect(turn.sandbox).toBe('read-only');

    const raw = fake.requests[0]!.rawBody;
    expect(raw).toContain('What should I do next?');
    expect(raw).toContain(JSON.stringify(gitChip.text).slice(1, -1));
    expect(raw).not.toContain('"label":"empty"');

    const entries = h.store.ledger.list(10);
    expect(entries).toHaveLength(1);
    const chipParts = entries[0]!.context.filter((p) => ['git', 'selection', 'terminal', 'clipboard', 'activeWindow', 'screenshot'].includes(p.kind));
    expect(chipParts).toEqual([{ kind: 'git', label: gitChip.label, chars: gitChip.text.length, text: gitChip.text, redactions: 1 }]);

    // The stored user message is what went out: the question, then the context block.
    const user = h.items().find((i) => i.type === 'userMessage') as { text: string } | undefined;
    expect(user?.text.startsWith('What should I do next?\n\n')).toBe(true);
    expect(user?.text).toContain('### Git: shop · main (git)');
  });

  it('leaves a turn without context as it was', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'chat' }));
    fake.script([{ reply: { text: 'Hi.' } }]);
    await h.run('Hello');
    const kinds = h.store.ledger.list(10)[0]!.context.map((p) => p.kind);
    expect(kinds).not.toContain('git');
    const user = h.items().find((i) => i.type === 'userMessage') as { text: string } | undefined;
    expect(user?.text).toBe('Hello');
  });
});
