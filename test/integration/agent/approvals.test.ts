// Approvals end to end: the model asks to leave the sandbox, the UI answers through approval.respond, and
// the command runs (or does not) accordingly; forbid rules stop a command before anyone is asked.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalDecision, ApprovalRequest, CommandExecutionItem, FileChangeItem, Thread } from '../../../shared/contract';
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

/** A command that only works outside the sandbox: it writes next to the repository. */
const OUTSIDE = '../outside.txt';
const escalated = (command: string) => ({
  name: 'shell',
  arguments: { command, with_escalated_permissions: true, justification: 'I need to write the report next to the repository.' },
});

function respond(h: AgentHarness, requestId: string, decision: ApprovalDecision, message?: string) {
  return h.agent.service.handlers()['approval.respond']({ requestId, decision, ...(message ? { message } : {}) }, { clientId: 'test' });
}

function commands(h: AgentHarness): CommandExecutionItem[] {
  return h.items().filter((i): i is CommandExecutionItem => i.type === 'commandExecution');
}

describe('command approvals', () => {
  it('approved once: runs outside the sandbox, the thread waits for approval meanwhile', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([{ reply: { toolCalls: [escalated(`echo report > ${OUTSIDE}`)] } }, { reply: { text: 'Wrote the report.' } }]);
    const { done } = h.start('Write a report next to the repo');

    const request = await h.waitForEvent<ApprovalRequest>('approval.requested');
    expect(request).toMatchObject({
      kind: 'command',
      command: `echo report > ${OUTSIDE}`,
      cwd: h.repo,
      justification: 'I need to write the report next to the repository.',
      threadId: h.threadId,
    });
    expect(request.reason).toMatch(/outside the sandbox/);
    expect(h.status()).toBe('waitingForApproval');
    expect(h.agent.service.active(h.threadId)?.pendingApprovals.map((r) => r.requestId)).toEqual([request.requestId]);

    await expect(respond(h, request.requestId, 'approve')).resolves.toEqual({ resolved: true });
    const turn = await done;

    expect(turn.status).toBe('completed');
    expect(fs.readFileSync(path.join(h.repo, OUTSIDE), 'utf8')).toBe('report\n');
    const [command] = commands(h);
    expect(command).toMatchObject({ status: 'completed', exitCode: 0, sandbox: 'danger-full-access' });
    const statuses = h.eventsNamed<Thread>('threads.changed').map((t) => t.status);
    expect(statuses).toEqual(expect.arrayContaining(['running', 'waitingForApproval', 'done']));
    expect(h.eventsNamed<{ decision: string }>('approval.resolved')).toEqual([expect.objectContaining({ decision: 'approve' })]);
  });

  it('denied with a message: not run, and the model reads the message', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'chat' }));
    fake.script([{ reply: { toolCalls: [escalated(`echo report > ${OUTSIDE}`)] } }, { reply: { text: 'Understood, I will keep it inside.' } }]);
    const { done } = h.start('Write a report next to the repo');
    const request = await h.waitForEvent<ApprovalRequest>('approval.requested');
    await respond(h, request.requestId, 'deny', 'Keep everything inside the repository.');
    await done;

    expect(fs.existsSync(path.join(h.repo, OUTSIDE))).toBe(false);
    const [command] = commands(h);
    expect(command).toMatchObject({ status: 'declined', exitCode: null });
    expect(command!.reason).toBe('The user declined to run this command: Keep everything inside the repository.');
    expect(JSON.stringify(fake.requests.at(-1)!.body)).toContain('Keep everything inside the repository.');
  });

  it('approved for the thread: the same command later runs without asking', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    const command = `echo again >> ${OUTSIDE}`;
    fake.script([
      { reply: { toolCalls: [escalated(command)] } },
      { reply: { toolCalls: [escalated(command)] } },
      { reply: { text: 'Appended twice.' } },
    ]);
    const { done } = h.start('Append twice');
    const request = await h.waitForEvent<ApprovalRequest>('approval.requested');
    await respond(h, request.requestId, 'approveForThread');
    await done;

    expect(h.eventsNamed('approval.requested')).toHaveLength(1);
    expect(fs.readFileSync(path.join(h.repo, OUTSIDE), 'utf8')).toBe('again\nagain\n');
    expect(commands(h).map((c) => c.status)).toEqual(['completed', 'completed']);
  });

  it('always allow: saves the prefix as a user rule that the next thread honours', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([{ reply: { toolCalls: [escalated('touch ../flag')] } }, { reply: { text: 'ok' } }]);
    const { done } = h.start('Touch the flag');
    const request = await h.waitForEvent<ApprovalRequest>('approval.requested');
    expect(request.rulePrefix).toEqual(['touch', '../flag']);
    await respond(h, request.requestId, 'approveAlways');
    await done;

    const rules = JSON.parse(fs.readFileSync(path.join(h.dataDir, 'rules.json'), 'utf8')) as { rules: { prefix: string[]; decision: string }[] };
    expect(rules.rules).toEqual([expect.objectContaining({ prefix: ['touch', '../flag'], decision: 'allow' })]);
    expect(fs.existsSync(path.join(h.repo, '../flag'))).toBe(true);

    // Another thread: the rule lets the same command leave the sandbox without a question.
    fs.rmSync(path.join(h.repo, '../flag'));
    const other = h.store.threads.create({ workspaceId: h.store.threads.get(h.threadId)!.workspaceId, title: 'Other' });
    fake.script([{ reply: { toolCalls: [escalated('touch ../flag')] } }, { reply: { text: 'ok' } }]);
    await h.agent.service.startTurn({ threadId: other.id, text: 'Touch it again' }).done;
    expect(h.eventsNamed('approval.requested')).toHaveLength(1);
    expect(fs.existsSync(path.join(h.repo, '../flag'))).toBe(true);
  });

  it('a forbid rule: the command never runs and nobody is asked, whatever the model asks', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'chat' }));
    fs.writeFileSync(path.join(h.dataDir, 'rules.json'), JSON.stringify({ version: 1, rules: [{ prefix: 'git push', decision: 'forbid', reason: 'pushing is for humans' }] }));
    fake.script([
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: 'git push origin main' } }] } },
      { reply: { toolCalls: [escalated('git push --force origin main')] } },
      { reply: { text: 'I cannot push; please push yourself.' } },
    ]);
    const turn = await h.run('Push the branch');

    expect(turn.status).toBe('completed');
    expect(h.eventsNamed('approval.requested')).toHaveLength(0);
    const [plain, forced] = commands(h);
    for (const c of [plain!, forced!]) {
      expect(c.status).toBe('declined');
      expect(c.exitCode).toBeNull();
      expect(c.output).toBe('');
      expect(c.reason).toMatch(/forbidden by a rule \(your rules: pushing is for humans\)/);
    }
    expect(JSON.stringify(fake.requests[1]!.body)).toContain('forbidden by a rule');
  });

  it('interrupting while an approval waits cancels it: the item ends interrupted', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([{ reply: { toolCalls: [escalated(`echo x > ${OUTSIDE}`)] } }]);
    const { done } = h.start('Try it');
    const request = await h.waitForEvent<ApprovalRequest>('approval.requested');
    h.agent.service.interrupt(h.threadId);
    const turn = await done;

    expect(turn.status).toBe('interrupted');
    expect(commands(h)[0]).toMatchObject({ status: 'interrupted' });
    expect(h.eventsNamed<{ requestId: string; decision: string }>('approval.resolved')).toEqual([
      expect.objectContaining({ requestId: request.requestId, decision: 'cancelled' }),
    ]);
    await expect(respond(h, request.requestId, 'approve')).resolves.toEqual({ resolved: false });
    expect(fs.existsSync(path.join(h.repo, OUTSIDE))).toBe(false);
  });

  it('without a UI (exec): what would ask is denied with a reason, never left waiting', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses', interactive: false }));
    fake.script([{ reply: { toolCalls: [escalated(`echo x > ${OUTSIDE}`)] } }, { reply: { text: 'ok' } }]);
    await h.run('Try it', { approvalPolicy: 'on-request' });
    const [command] = commands(h);
    expect(command).toMatchObject({ status: 'declined' });
    expect(command!.reason).toMatch(/Nobody can approve this here/);
    expect(fs.existsSync(path.join(h.repo, OUTSIDE))).toBe(false);
  });
});

describe('patch approvals', () => {
  const outsidePatch = `*** Begin Patch
*** Add File: ../notes.txt
+written by the agent
*** End Patch`;

  it('a patch outside the workspace asks first, then applies', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'chat' }));
    fake.script([{ reply: { toolCalls: [{ name: 'apply_patch', arguments: { input: outsidePatch } }] } }, { reply: { text: 'Added notes.' } }]);
    const { done } = h.start('Add notes beside the repo');
    const request = await h.waitForEvent<ApprovalRequest>('approval.requested');
    expect(request).toMatchObject({ kind: 'fileChange', paths: [path.join(path.dirname(h.repo), 'notes.txt')] });
    expect(fs.existsSync(path.join(h.repo, '../notes.txt'))).toBe(false);
    await respond(h, request.requestId, 'approve');
    await done;

    expect(fs.readFileSync(path.join(h.repo, '../notes.txt'), 'utf8')).toBe('written by the agent\n');
    const change = h.items().find((i): i is FileChangeItem => i.type === 'fileChange')!;
    expect(change).toMatchObject({ status: 'completed' });
    expect(change.changes[0]).toMatchObject({ kind: 'add', additions: 1 });
  });

  it('with approval policy never, a patch outside the workspace is refused outright', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fake.script([{ reply: { toolCalls: [{ name: 'apply_patch', arguments: { input: outsidePatch } }] } }, { reply: { text: 'ok' } }]);
    await h.run('Add notes beside the repo', { approvalPolicy: 'never' });
    expect(h.eventsNamed('approval.requested')).toHaveLength(0);
    const change = h.items().find((i): i is FileChangeItem => i.type === 'fileChange')!;
    expect(change.status).toBe('declined');
    expect(change.reason).toMatch(/approval policy is "never"/);
    expect(fs.existsSync(path.join(h.repo, '../notes.txt'))).toBe(false);
  });
});
