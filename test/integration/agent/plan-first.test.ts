// Plan-first runs against the fake OpenAI server, in a real git repository with the real sandbox: the
// model proposes a plan in a read-only turn, the user edits it, the run works through it — a step whose
// check fails stays open and the model reads why; a step whose check passes is done — and the plan is
// still there when the store is opened again.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandExecutionItem, ThreadPlan, UserMessageItem } from '../../../shared/contract';
import { PlanService } from '../../../electron/core/agent/plans/plan-service';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { AgentHarness } from './support/agent-harness';

const GREET = 'src/greet.sh';
const FIX_GREETING = `*** Begin Patch
*** Update File: ${GREET}
@@
 #!/usr/bin/env bash
-echo "Helo, wrold"
+echo "Hello, world"
*** End Patch`;
const ADD_NOTES = `*** Begin Patch
*** Add File: NOTES.md
+Greeting fixed.
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

function requestBodies(): string[] {
  return fake.requests.filter((r) => r.endpoint === 'responses').map((r) => JSON.stringify(r.body));
}

describe('plan-first runs', () => {
  it('keeps a planning turn read-only when the sandbox is loosened while it runs', async () => {
    harness = AgentHarness.start({ fake, wireApi: 'responses' });
    const threadId = harness.threadId;
    fake.script([
      { delayMsBeforeResponse: 300, reply: { toolCalls: [{ name: 'shell', arguments: { command: 'touch loosened 2>&1; echo "touch exit $?"' } }] } },
      { reply: { toolCalls: [{ name: 'propose_plan', arguments: { steps: [{ title: 'Look around', check: 'true' }] } }] } },
      { reply: { text: 'Planned.' } },
    ]);
    const proposal = harness.agent.plans.propose({ threadId, text: 'Plan it' });
    harness.agent.service.update({ threadId, sandbox: 'danger-full-access' });
    await proposal.done;
    fake.assertNoViolations();
    const look = harness.items().find((i): i is CommandExecutionItem => i.type === 'commandExecution')!;
    expect(look.sandbox).toBe('read-only');
    expect(look.output).toContain('Read-only file system');
    expect(fs.existsSync(path.join(harness.repo, 'loosened'))).toBe(false);
    // The choice is kept for the thread's next ordinary turn.
    expect(harness.store.settings.get<{ sandbox: string }>(`agent.thread.${threadId}`)?.sandbox).toBe('danger-full-access');
  });

  it('proposes a plan read-only, takes the user’s edits, and marks a step done only when its check passes', async () => {
    harness = AgentHarness.start({ fake, wireApi: 'responses', files: { [GREET]: '#!/usr/bin/env bash\necho "Helo, wrold"\n' } });
    const plans = harness.agent.plans;
    const threadId = harness.threadId;

    // 1. The planning turn: the model looks around (read-only), then proposes.
    fake.script([
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: `cat ${GREET}; touch written-while-planning 2>&1; echo "touch exit $?"` } }] } },
      {
        reply: {
          toolCalls: [
            {
              name: 'propose_plan',
              arguments: {
                steps: [
                  { title: 'Fix the greeting', check: `grep -q "Hello, world" ${GREET}` },
                  { title: 'Add notes', check: 'test -f NOTES.md' },
                ],
                note: 'Two small steps.',
              },
            },
          ],
        },
      },
      { reply: { text: 'Here is a two-step plan.' } },
    ]);
    const proposal = plans.propose({ threadId, text: 'Fix the greeting, and leave a note' });
    await proposal.done;
    fake.assertNoViolations();
    fake.assertScriptConsumed();

    const draft = plans.get(threadId)!;
    expect(draft.status).toBe('draft');
    expect(draft.proposedBy).toBe(proposal.turnId);
    expect(draft.steps.map((s) => [s.title, s.check, s.state])).toEqual([
      ['Fix the greeting', `grep -q "Hello, world" ${GREET}`, 'pending'],
      ['Add notes', 'test -f NOTES.md', 'pending'],
    ]);
    // The planning turn ran read-only and could not write; the thread's own sandbox stays as it was.
    const look = harness.items().find((i): i is CommandExecutionItem => i.type === 'commandExecution')!;
    expect(look.sandbox).toBe('read-only');
    expect(look.output).toContain('Read-only file system');
    expect(fs.existsSync(path.join(harness.repo, 'written-while-planning'))).toBe(false);
    expect(harness.store.settings.get<{ sandbox: string }>(`agent.thread.${threadId}`)?.sandbox).toBe('workspace-write');
    // It was told to plan, and offered propose_plan but no way to edit.
    const planningRequest = requestBodies()[0]!;
    expect(planningRequest).toContain('propose a plan, do not do the work');
    expect(planningRequest).toContain('"name":"propose_plan"');
    expect(planningRequest).not.toContain('"name":"apply_patch"');
    expect(planningRequest).not.toContain('"name":"complete_step"');

    // 2. The user edits: renames a step, reorders, adds one.
    const [fix, notes] = draft.steps as [ThreadPlan['steps'][number], ThreadPlan['steps'][number]];
    const edited = plans.save(threadId, [
      { id: fix.id, title: 'Fix the greeting typo', check: fix.check },
      { id: notes.id, title: notes.title, check: notes.check },
      { title: 'The script prints it', check: `bash ${GREET} | grep -qx "Hello, world"` },
    ]);
    expect(edited.steps.map((s) => s.title)).toEqual(['Fix the greeting typo', 'Add notes', 'The script prints it']);
    expect(edited.steps[0]!.id).toBe(fix.id);
    expect(edited.status).toBe('draft');

    // 3. The run. The model claims step 1 before doing it: the check fails and the step stays open.
    fake.reset();
    fake.script([
      { reply: { toolCalls: [{ name: 'complete_step', arguments: { step: 1 } }] } },
      { reply: { toolCalls: [{ name: 'apply_patch', arguments: { input: FIX_GREETING } }] } },
      { reply: { toolCalls: [{ name: 'complete_step', arguments: { step: 1 } }, { name: 'complete_step', arguments: { step: 3 } }] } },
      // It tries to finish with step 2 open: Tandem tells it so.
      { reply: { text: 'All done.' } },
      { reply: { toolCalls: [{ name: 'apply_patch', arguments: { input: ADD_NOTES } }] } },
      { reply: { toolCalls: [{ name: 'complete_step', arguments: { step: 2 } }] } },
      { reply: { text: 'Every step is done; each check passed.' } },
    ]);
    const run = plans.run(threadId);
    expect(plans.get(threadId)!.status).toBe('running');
    await run.done;
    fake.assertNoViolations();
    fake.assertScriptConsumed();

    const bodies = requestBodies();
    expect(bodies).toHaveLength(7);
    expect(bodies[0]).toContain('work through the user\'s plan');
    expect(bodies[0]).toContain('"name":"complete_step"');
    expect(bodies[0]).not.toContain('"name":"update_plan"');
    expect(bodies[0]).toContain('Fix the greeting typo');
    // The failed check reached the model, with its exit code.
    expect(bodies[1]).toContain('Exit code: 1');
    expect(bodies[1]).toContain('The check failed, so Step 1');
    expect(bodies[3]).toContain('The check passed: Step 1');
    expect(bodies[3]).toContain('The check passed: Step 3');
    // The early finish was answered with the open step.
    expect(bodies[4]).toContain('Tandem: the plan is not done');
    expect(bodies[4]).toContain('2. Add notes');

    const plan = plans.get(threadId)!;
    expect(plan.status).toBe('done');
    expect(plan.runBy).toBe(run.turnId);
    expect(plan.steps.map((s) => s.state)).toEqual(['done', 'done', 'done']);
    expect(plan.steps[0]!.lastCheck).toMatchObject({ exitCode: 0, timedOut: false });

    // Each check ran as a visible command in the turn's sandbox, marked with its step.
    const checks = harness.items().filter((i): i is CommandExecutionItem => i.type === 'commandExecution' && i.planCheck !== undefined);
    expect(checks.map((c) => [c.planCheck!.position, c.exitCode, c.sandbox])).toEqual([
      [1, 1, 'workspace-write'],
      [1, 0, 'workspace-write'],
      [3, 0, 'workspace-write'],
      [2, 0, 'workspace-write'],
    ]);
    const reminder = harness.items().find((i): i is UserMessageItem => i.type === 'userMessage' && i.fromTandem === true);
    expect(reminder?.text).toContain('Add notes');

    // The checklist updated live: step 1 was seen checking, then failed, then done.
    const states = harness
      .eventsNamed<{ plan: ThreadPlan | null }>('plan.changed')
      .map((e) => e.plan?.steps.find((s) => s.id === fix.id)?.state)
      .filter((s, i, all) => s !== all[i - 1]);
    expect(states).toEqual(['pending', 'checking', 'failed', 'checking', 'done']);

    // 4. PLAN.md in the thread's folder; saved again, it is replaced.
    const file = await plans.writeFile(threadId);
    expect(file).toBe(path.join(harness.repo, 'PLAN.md'));
    const markdown = fs.readFileSync(file, 'utf8');
    expect(markdown).toContain('1. [x] Fix the greeting typo');
    expect(markdown).toContain('   - Check: `test -f NOTES.md`');
    expect(markdown).toContain('Done: every check passed. 3 of 3 steps done.');
    await expect(plans.writeFile(threadId)).resolves.toBe(file);

    // 5. Everything is done: another run is refused.
    expect(() => plans.run(threadId)).toThrow(/Every step of this plan is done/);
  });

  it('stopping a run mid-check proves nothing: the step goes back to open and the plan is incomplete', async () => {
    harness = AgentHarness.start({ fake, wireApi: 'responses' });
    const plans = harness.agent.plans;
    const threadId = harness.threadId;
    plans.save(threadId, [{ title: 'Wait for it', check: 'sleep 30' }]);
    fake.script([{ reply: { toolCalls: [{ name: 'complete_step', arguments: { step: 1 } }] } }]);
    const run = plans.run(threadId);
    await harness.waitForEvent<{ plan: ThreadPlan | null }>('plan.changed', (p) => p.plan?.steps[0]?.state === 'checking');
    harness.agent.service.interrupt(threadId);
    await run.done;

    const plan = plans.get(threadId)!;
    expect(plan.status).toBe('incomplete');
    expect(plan.steps[0]).toMatchObject({ state: 'pending', lastCheck: null });
    const check = harness.items().find((i): i is CommandExecutionItem => i.type === 'commandExecution')!;
    expect(check.status).toBe('interrupted');
    // Editing is open again, and keeps nothing from the cut-short check.
    expect(plans.save(threadId, [{ id: plan.steps[0]!.id, title: 'Wait a bit', check: 'sleep 0' }]).steps[0]!.state).toBe('pending');
  });

  it('a run left behind by a stopped process ends as it stood, and the plan survives reopening the store', async () => {
    harness = AgentHarness.start({ fake, wireApi: 'responses' });
    const threadId = harness.threadId;
    harness.agent.plans.save(threadId, [
      { title: 'First', check: 'true' },
      { title: 'Second', check: 'false' },
    ]);
    // As a process killed mid-run leaves it: running, its second step's check in flight.
    const saved = harness.agent.plans.get(threadId)!;
    harness.store.plans.put({
      ...saved,
      status: 'running',
      runBy: 'turn_gone',
      steps: [
        { ...saved.steps[0]!, state: 'done', lastCheck: { exitCode: 0, timedOut: false, outputTail: '', itemId: 'item_x', at: 1 } },
        { ...saved.steps[1]!, state: 'checking' },
      ],
    });
    const dataDir = harness.dataDir;
    harness.store.close(); // closing is idempotent: the harness closes it again at the end

    const store = Store.open(dataDir);
    try {
      const plans = new PlanService({
        store,
        events: new EventBus(),
        agent: {
          isRunning: () => false,
          startTurn: () => {
            throw new Error('not started in this test');
          },
          workingFolder: () => harness!.repo,
        },
      });
      const plan = plans.get(threadId)!;
      expect(plan.status).toBe('incomplete');
      expect(plan.steps.map((s) => [s.title, s.state])).toEqual([
        ['First', 'done'],
        ['Second', 'pending'],
      ]);
    } finally {
      store.close();
    }
  });
});
