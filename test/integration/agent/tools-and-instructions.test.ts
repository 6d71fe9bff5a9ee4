// The smaller tools and the instructions, against the fake server over both APIs: view_image attaches a
// real PNG the way each API expects; a call the model gets wrong is answered so it can correct itself;
// AGENTS.md files and the environment block reach the model.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorItem, ImageViewItem, WireApi } from '../../../shared/contract';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { AgentHarness } from './support/agent-harness';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

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

describe.each<WireApi>(['responses', 'chat'])('view_image over the %s API', (wireApi) => {
  it('attaches the image as a data URL where the API takes images', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi }));
    fs.mkdirSync(path.join(h.repo, 'artifacts'));
    fs.writeFileSync(path.join(h.repo, 'artifacts/shot.png'), PNG);
    fake.script([
      { reply: { toolCalls: [{ name: 'view_image', arguments: { path: 'artifacts/shot.png' } }, { name: 'view_image', arguments: { path: 'missing.png' } }] } },
      { reply: { text: 'A single pixel.' } },
    ]);
    await h.run('What does the screenshot show?');

    const views = h.items().filter((i): i is ImageViewItem => i.type === 'imageView');
    expect(views.map((v) => [path.basename(v.path), v.status])).toEqual([
      ['shot.png', 'completed'],
      ['missing.png', 'failed'],
    ]);
    expect(views[1]!.reason).toMatch(/does not exist/);

    const body = fake.requests[1]!.body as Record<string, unknown>;
    const dataUrl = `data:image/png;base64,${PNG.toString('base64')}`;
    if (wireApi === 'responses') {
      const outputs = (body['input'] as { type: string; output?: unknown }[]).filter((i) => i.type === 'function_call_output');
      expect(outputs[0]!.output).toEqual([
        { type: 'input_text', text: `Here is the image ${views[0]!.path}.` },
        { type: 'input_image', image_url: dataUrl, detail: 'auto' },
      ]);
      expect(String(outputs[1]!.output)).toMatch(/Could not view the image: .*missing\.png does not exist/);
    } else {
      const messages = body['messages'] as { role: string; content: unknown }[];
      const imageMessage = messages.find((m) => m.role === 'user' && Array.isArray(m.content));
      expect(imageMessage!.content).toEqual([{ type: 'image_url', image_url: { url: dataUrl } }]);
      expect(messages.filter((m) => m.role === 'tool')).toHaveLength(2);
    }
  });
});

describe('calls the model gets wrong', () => {
  it('an unknown tool and bad arguments are answered with what was wrong, and the turn goes on', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([
      {
        reply: {
          toolCalls: [
            { name: 'browse_web', arguments: { url: 'https://example.com' } },
            { name: 'shell', arguments: { cmd: 'ls' } },
            { name: 'update_plan', arguments: '{"plan": [' },
          ],
        },
      },
      { reply: { text: 'Sorry, fixed my calls.' } },
    ]);
    const turn = await h.run('List the files');
    expect(turn.status).toBe('completed');
    const errors = h.items().filter((i): i is ErrorItem => i.type === 'error');
    expect(errors.map((e) => e.kind)).toEqual(['invalidToolCall', 'invalidToolCall', 'invalidToolCall']);
    expect(errors[0]!.message).toBe('There is no tool named "browse_web". The tools are: shell, apply_patch, update_plan, view_image.');
    expect(errors[1]!.message).toMatch(/The arguments of shell do not fit its schema: command: /);
    expect(errors[2]!.message).toMatch(/The arguments of update_plan are not valid JSON/);
    const second = JSON.stringify(fake.requests[1]!.body);
    expect(second).toContain('There is no tool named \\"browse_web\\"');
  });
});

describe('instructions', () => {
  it('sends the system prompt, AGENTS.md from home and from the repo down to the cwd, and the environment', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses', files: { 'AGENTS.md': 'Root rule: run npm test.\n', 'pkg/AGENTS.md': 'Package rule: use tabs.\n', 'pkg/index.js': '' } }));
    fs.mkdirSync(path.join(h.home, '.codex'));
    fs.writeFileSync(path.join(h.home, '.codex/AGENTS.md'), 'User rule: answer in English.\n');
    fake.script([{ reply: { text: 'ok' } }]);
    await h.run('Hi', { cwd: path.join(h.repo, 'pkg'), sandbox: 'read-only', approvalPolicy: 'untrusted' });

    const instructions = (fake.requests[0]!.body as { instructions: string }).instructions;
    expect(instructions).toMatch(/^You are Tandem, a coding agent/);
    const order = ['User rule: answer in English.', 'Root rule: run npm test.', 'Package rule: use tabs.', '# Environment'].map((t) => instructions.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(instructions).toContain(`cwd: ${path.join(h.repo, 'pkg')}`);
    expect(instructions).toContain('sandbox: read-only');
    expect(instructions).toContain('approval policy: untrusted');
    expect(instructions).toContain('network access: off');
    expect(instructions).toMatch(/date: \d{4}-\d{2}-\d{2}/);

    const ledger = h.store.ledger.list()[0]!;
    expect(ledger.context.filter((p) => p.kind === 'agents-md').map((p) => p.label)).toEqual([
      path.join(h.home, '.codex/AGENTS.md'),
      path.join(h.repo, 'AGENTS.md'),
      path.join(h.repo, 'pkg/AGENTS.md'),
    ]);
  });

  it('remembers a thread\'s working folder, sandbox and approval policy for its next turn', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'chat', files: { 'sub/file.txt': 'x\n' } }));
    fake.script([{ reply: { text: 'one' } }, { reply: { text: 'two' } }]);
    const first = await h.run('First', { cwd: 'sub', sandbox: 'read-only' });
    const second = await h.run('Second');
    expect(first).toMatchObject({ cwd: path.join(h.repo, 'sub'), sandbox: 'read-only', approvalPolicy: 'on-request' });
    expect(second).toMatchObject({ cwd: path.join(h.repo, 'sub'), sandbox: 'read-only' });
    expect(h.store.threads.get(h.threadId)!.title).toBe('First');
  });
});
