// A whole task over each wire API: the model plans, runs real commands in the real sandbox, edits a real
// file with apply_patch, checks its work and answers. Every request must match OpenAI's spec (the fake
// checks) and carry the results of the previous step.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgentItem,
  CommandExecutionItem,
  FileChangeItem,
  PlanItem,
  Turn,
  WireApi,
} from '../../../shared/contract';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { AgentHarness } from './support/agent-harness';

const GREET = 'src/greet.sh';
const PATCH = `*** Begin Patch
*** Update File: ${GREET}
@@
 #!/usr/bin/env bash
-echo "Helo, wrold"
+echo "Hello, world"
*** End Patch`;

let fake: FakeOpenAIServer;
let harness: AgentHarness | null = null;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  return () => fake.close();
});

afterEach(async () => {
  await harness?.close();
  harness = null;
  fake.reset();
});

describe.each<WireApi>(['responses', 'chat'])('a multi-step task over the %s API', (wireApi) => {
  it('plans, runs commands in the sandbox, patches a file, verifies, and answers', async () => {
    harness = AgentHarness.start({ fake, wireApi, files: { [GREET]: '#!/usr/bin/env bash\necho "Helo, wrold"\n' } });
    fake.script([
      {
        reply: {
          reasoning: ['The greeting is misspelled; I will read the script first.'],
          text: 'I will fix the greeting.',
          toolCalls: [
            {
              name: 'update_plan',
              arguments: { plan: [{ step: 'Read greet.sh', status: 'in_progress' }, { step: 'Fix the typo', status: 'pending' }, { step: 'Run it', status: 'pending' }] },
            },
          ],
        },
      },
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: `echo "sandbox=$TANDEM_SANDBOX"; cat ${GREET}` } }] } },
      { reply: { toolCalls: [{ name: 'apply_patch', arguments: { input: PATCH } }] } },
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: `bash ${GREET}`, workdir: '.' } }] } },
      { reply: { text: 'Fixed the typo in `src/greet.sh`; `bash src/greet.sh` now prints "Hello, world".', usage: { inputTokens: 900, outputTokens: 40 } } },
    ]);

    const turn: Turn = await harness.run('Fix the greeting in src/greet.sh');

    expect(turn.error).toBeNull();
    expect(turn.status).toBe('completed');
    expect(turn.modelCalls).toBe(5);
    expect(turn.usage.totalTokens).toBeGreaterThan(0);
    fake.assertNoViolations();
    fake.assertScriptConsumed();

    // The file really changed on disk.
    expect(fs.readFileSync(path.join(harness.repo, GREET), 'utf8')).toBe('#!/usr/bin/env bash\necho "Hello, world"\n');

    const items = harness.items();
    expect(items.map((i) => i.type)).toEqual([
      'userMessage',
      'reasoning',
      'agentMessage',
      'plan',
      'commandExecution',
      'fileChange',
      'commandExecution',
      'agentMessage',
    ]);
    const [user, reasoning, , plan, read, change, run, answer] = items as [
      Extract<AgentItem, { type: 'userMessage' }>,
      Extract<AgentItem, { type: 'reasoning' }>,
      AgentItem,
      PlanItem,
      CommandExecutionItem,
      FileChangeItem,
      CommandExecutionItem,
      Extract<AgentItem, { type: 'agentMessage' }>,
    ];
    expect(user.text).toBe('Fix the greeting in src/greet.sh');
    expect(reasoning.summary.join('')).toContain('misspelled');
    expect(plan.steps).toEqual([
      { step: 'Read greet.sh', status: 'inProgress' },
      { step: 'Fix the typo', status: 'pending' },
      { step: 'Run it', status: 'pending' },
    ]);

    // The first command ran inside the sandbox (the sandbox sets TANDEM_SANDBOX) and saw the file.
    expect(read.status).toBe('completed');
    expect(read.exitCode).toBe(0);
    expect(read.sandbox).toBe('workspace-write');
    expect(read.output).toContain('sandbox=workspace-write');
    expect(read.output).toContain('Helo, wrold');
    expect(read.cwd).toBe(harness.repo);

    expect(change.status).toBe('completed');
    expect(change.changes).toHaveLength(1);
    expect(change.changes[0]).toMatchObject({ kind: 'update', path: path.join(harness.repo, GREET), additions: 1, deletions: 1 });
    expect(change.changes[0]!.diff).toContain('+echo "Hello, world"');

    expect(run.output.trim()).toBe('Hello, world');
    expect(answer.text).toContain('now prints');

    // Each request carried what the previous step produced.
    const bodies = fake.requests.filter((r) => r.endpoint === wireApi).map((r) => JSON.stringify(r.body));
    expect(bodies).toHaveLength(5);
    expect(bodies[0]).toContain('Fix the greeting in src/greet.sh');
    expect(bodies[0]).toContain('AGENTS.md'.length > 0 ? 'You are Tandem' : '');
    expect(bodies[1]).toContain('Plan updated.');
    expect(bodies[2]).toContain('Helo, wrold');
    expect(bodies[2]).toContain('Exit code: 0');
    expect(bodies[3]).toContain('Success. Updated the following files:\\nM src/greet.sh');
    expect(bodies[4]).toContain('Hello, world');

    // One ledger entry per model request, naming what went out.
    const ledger = harness.store.ledger.list().filter((e) => e.threadId === harness!.threadId);
    expect(ledger).toHaveLength(5);
    expect(ledger[0]!.context.map((p) => p.kind)).toEqual(['instructions', 'environment', 'conversation', 'tools']);

    // Every item that started also completed, and the thread is done.
    const started = harness.eventsNamed<{ item: AgentItem }>('item.started').map((e) => e.item.id);
    const completed = harness.eventsNamed<{ item: AgentItem }>('item.completed').map((e) => e.item.id);
    expect(new Set(started)).toEqual(new Set(completed));
    expect(harness.status()).toBe('done');
    expect(harness.eventsNamed('turn.completed')).toHaveLength(1);
  });
});
