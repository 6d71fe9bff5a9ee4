// The agent's get_context tool against a real X server (Xvfb + openbox, selection and clipboard set with
// xclip), the real context service and the fake OpenAI server: the model calls get_context, the snapshot
// reaches its next request with secrets already redacted, the ledger of that request lists exactly the
// chips the server received, and a paused Tandem collects nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContextSnapshotItem } from '../../../shared/contract';
import { ContextService } from '../../../electron/core/context/context-service';
import { CONTEXT_PAUSED } from '../../../electron/core/agent/tools/get-context';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { startXvfb, type XDisplay } from '../../support/xvfb';
import { AgentHarness } from './support/agent-harness';

let fake: FakeOpenAIServer;
let x: XDisplay;
let harness: AgentHarness | null = null;
let context: ContextService | null = null;
let paused = false;

beforeAll(async () => {
  [fake, x] = await Promise.all([startFakeOpenAI(), startXvfb()]);
});
afterAll(async () => {
  await Promise.all([fake?.close(), x?.stop()]);
});
afterEach(async () => {
  context?.dispose();
  context = null;
  await harness?.close();
  harness = null;
  paused = false;
  fake.assertNoViolations();
  fake.reset();
});

const GITHUB_TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

function startWithContext(wireApi: 'chat' | 'responses'): AgentHarness {
  return AgentHarness.start({
    fake,
    wireApi,
    context: (store, events) => {
      // The settings keep quick ask's 50 ms budget: get_context gives its providers more on its own.
      context = new ContextService({ store, events, env: x.env, isPaused: () => paused });
      return context;
    },
  });
}

/** The text of the get_context output the request carried back to the model. */
function toolOutputOf(body: unknown): string {
  const b = body as { messages?: { role: string; content: unknown }[]; input?: { type: string; output?: unknown }[] };
  if (b.messages) return b.messages.filter((m) => m.role === 'tool').map((m) => String(m.content)).join('\n');
  return (b.input ?? []).filter((i) => i.type === 'function_call_output').map((i) => String(i.output)).join('\n');
}

describe('get_context', () => {
  for (const wireApi of ['chat', 'responses'] as const) {
    it(`sends a fresh, redacted snapshot back to the model and records it in the ledger (${wireApi})`, async () => {
      const h = (harness = startWithContext(wireApi));
      const editor = await x.openWindow({ title: `window-title-${wireApi}-5d2`, className: `GetContext${wireApi}` });
      x.setSelection('primary', `export GITHUB_TOKEN=${GITHUB_TOKEN}\nselected-line-4f1`);
      x.setSelection('clipboard', `aws key ${AWS_KEY_ID} copied-9c2`);
      fake.script([
        { reply: { toolCalls: [{ name: 'get_context', arguments: { providers: ['selection', 'clipboard', 'git'] } }] } },
        { reply: { text: 'I see your selection.' } },
      ]);
      const turn = await h.run('What did I just select?');
      expect(turn.status).toBe('completed');

      // The tool was offered, and its result reached the second request — with the secrets replaced.
      expect(fake.requests[0]!.rawBody).toContain('get_context');
      const output = toolOutputOf(fake.requests[1]!.body);
      expect(output).toContain('selected-line-4f1');
      expect(output).toContain('copied-9c2');
      expect(output).toContain('[redacted:github-token]');
      expect(output).toContain('[redacted:aws-access-key-id]');
      expect(fake.requests[1]!.rawBody).not.toContain(GITHUB_TOKEN);
      expect(fake.requests[1]!.rawBody).not.toContain(AWS_KEY_ID);
      expect(output).toContain('(git)'); // the repository the agent works in
      expect(output).not.toContain(`window-title-${wireApi}-5d2`); // not asked for
      await editor.close();

      // The item the user can expand holds exactly what went out.
      const item = h.items().find((i): i is ContextSnapshotItem => i.type === 'contextSnapshot')!;
      expect(item.status).toBe('completed');
      expect(item.paused).toBe(false);
      expect(item.output).toBe(output);
      expect(item.chips.map((c) => c.kind).sort()).toEqual(['clipboard', 'git', 'selection']);

      // Ledger: the first request carried no context chips; the second lists each chip, its text
      // exactly as the server received it.
      const [second, first] = h.store.ledger.list(10);
      const chipKinds = ['selection', 'clipboard', 'git', 'activeWindow', 'terminal'];
      expect(first!.context.filter((p) => chipKinds.includes(p.kind))).toEqual([]);
      const parts = second!.context.filter((p) => chipKinds.includes(p.kind));
      expect(parts.map((p) => p.kind).sort()).toEqual(['clipboard', 'git', 'selection']);
      for (const part of parts) {
        expect(output).toContain(part.text!);
        expect(part.chars).toBe(part.text!.length);
      }
      expect(parts.find((p) => p.kind === 'selection')!.redactions).toBe(1);
    });
  }

  it('reads every provider when none is named, the window in front included', async () => {
    const h = (harness = startWithContext('chat'));
    const editor = await x.openWindow({ title: 'main.py - shop-7a1 - Visual Studio Code', className: 'Code' });
    fake.script([{ reply: { toolCalls: [{ name: 'get_context', arguments: {} }] } }, { reply: { text: 'ok' } }]);
    await h.run('What am I editing?');
    await editor.close();
    const output = toolOutputOf(fake.requests[1]!.body);
    expect(output).toContain('Window title: main.py - shop-7a1 - Visual Studio Code');
    expect(output).toContain('File: main.py');
    const item = h.items().find((i): i is ContextSnapshotItem => i.type === 'contextSnapshot')!;
    expect(item.providers).toBeNull();
    expect(item.chips.map((c) => c.kind)).toContain('activeWindow');
  });

  it('collects nothing while Tandem is paused, and tells the model so', async () => {
    const h = (harness = startWithContext('chat'));
    paused = true;
    x.setSelection('primary', 'paused-selection-7e3');
    fake.script([{ reply: { toolCalls: [{ name: 'get_context', arguments: {} }] } }, { reply: { text: 'Understood.' } }]);
    const turn = await h.run('Look at my screen');
    expect(turn.status).toBe('completed');

    const output = toolOutputOf(fake.requests[1]!.body);
    expect(output).toBe(CONTEXT_PAUSED);
    expect(fake.requests[1]!.rawBody).not.toContain('paused-selection-7e3');
    const item = h.items().find((i): i is ContextSnapshotItem => i.type === 'contextSnapshot')!;
    expect(item).toMatchObject({ paused: true, chips: [], status: 'completed' });
    const kinds = h.store.ledger.list(10).flatMap((e) => e.context.map((p) => p.kind));
    expect(kinds).not.toContain('selection');
    expect(kinds).not.toContain('git');
  });

  it('answers arguments that do not fit with a message the model can act on', async () => {
    const h = (harness = startWithContext('chat'));
    fake.script([{ reply: { toolCalls: [{ name: 'get_context', arguments: { providers: ['screenshot'] } }] } }, { reply: { text: 'ok' } }]);
    await h.run('Take a screenshot');
    expect(toolOutputOf(fake.requests[1]!.body)).toMatch(/get_context do not fit its schema: providers\.0/);
    expect(h.items().some((i) => i.type === 'contextSnapshot')).toBe(false);
  });
});
