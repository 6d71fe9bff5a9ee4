// MCP connectors end to end: real MCP servers (a stdio child process built with the official SDK, and a
// streamable HTTP server in this process) whose tools the model is offered and calls through the fake
// OpenAI server; the results reach the next request, the items are stored, approvals hold, and a server
// that cannot start is reported while the turn goes on.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApprovalRequest, McpServerFailureItem, McpToolCallItem } from '../../../shared/contract';
import { mcpHandlers } from '../../../electron/core/agent/mcp/mcp-service';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { AgentHarness } from './support/agent-harness';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/mcp/stdio-server.mjs');

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

function mcp(h: AgentHarness) {
  return mcpHandlers(h.agent.mcp, h.store);
}

const ctx = { clientId: 'test' };

async function addFixture(h: AgentHarness, name = 'notes', env: Record<string, string> = {}) {
  await mcp(h)['mcp.addUserServer']({ name, config: { command: process.execPath, args: [FIXTURE], env: { NOTE_FILE: path.join(h.repo, 'note.txt'), ...env } } }, ctx);
}

function mcpItems(h: AgentHarness): McpToolCallItem[] {
  return h.items().filter((i): i is McpToolCallItem => i.type === 'mcpToolCall');
}

function toolNames(body: unknown): string[] {
  const tools = (body as { tools?: { name?: string; function?: { name: string } }[] }).tools ?? [];
  return tools.map((t) => t.name ?? t.function?.name ?? '');
}

describe('MCP tools over stdio', () => {
  it('offers the tools, runs a call, and sends the result with the next request (Responses)', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    await addFixture(h);
    fake.script([{ reply: { toolCalls: [{ name: 'mcp__notes__echo', arguments: { text: 'hello' } }] } }, { reply: { text: 'It said hello.' } }]);
    const turn = await h.run('Echo hello through the notes server');

    expect(turn.status).toBe('completed');
    const first = fake.requests[0]!.body as { tools: { name: string; parameters: { type: string; properties: Record<string, unknown> } }[] };
    expect(toolNames(first)).toEqual(expect.arrayContaining(['shell', 'mcp__notes__echo', 'mcp__notes__write_note', 'mcp__notes__fail', 'mcp__notes__pixel']));
    const echo = first.tools.find((t) => t.name === 'mcp__notes__echo')!;
    expect(echo.parameters).toMatchObject({ type: 'object', properties: { text: { type: 'string' } } });

    const [item] = mcpItems(h);
    expect(item).toMatchObject({ server: 'notes', tool: 'echo', status: 'completed', arguments: '{"text":"hello"}', result: { text: 'echo: hello', isError: false } });
    expect(item!.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(fake.requests[1]!.body)).toContain('echo: hello');

    const list = await mcp(h)['mcp.list']({}, ctx);
    expect(list.servers).toEqual([expect.objectContaining({ name: 'notes', scope: 'user', state: 'connected' })]);
    expect(list.servers[0]!.tools.find((t) => t.name === 'echo')).toMatchObject({ readOnly: true, modelName: 'mcp__notes__echo' });
  });

  it('over Chat Completions too; an error result and an image reach the model', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'chat' }));
    await addFixture(h);
    fake.script([
      { reply: { toolCalls: [{ name: 'mcp__notes__fail', arguments: {} }] } },
      { reply: { toolCalls: [{ name: 'mcp__notes__pixel', arguments: {} }] } },
      { reply: { text: 'done' } },
    ]);
    await h.run('Try the tools', { approvalPolicy: 'never' });

    const [failed, pixel] = mcpItems(h);
    expect(failed).toMatchObject({ status: 'failed', result: { isError: true, text: 'the database is locked' } });
    expect(JSON.stringify(fake.requests[1]!.body)).toContain('The tool reported an error:\\nthe database is locked');
    expect(pixel!.result!.images).toHaveLength(1);
    expect(fs.readFileSync(pixel!.result!.images[0]!).subarray(1, 4).toString()).toBe('PNG');
    expect(JSON.stringify(fake.requests[2]!.body)).toContain('data:image/png;base64,');
  });

  it('on-request: a tool not marked read-only asks; a denial reaches the model and the tool does not run', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    await addFixture(h);
    fake.script([{ reply: { toolCalls: [{ name: 'mcp__notes__write_note', arguments: { text: 'secret' } }] } }, { reply: { text: 'OK, not writing.' } }]);
    const { done } = h.start('Write a note');
    const request = await h.waitForEvent<ApprovalRequest>('approval.requested');
    expect(request).toMatchObject({ kind: 'mcpToolCall', mcp: { server: 'notes', tool: 'write_note', arguments: '{"text":"secret"}' } });
    expect(h.status()).toBe('waitingForApproval');
    await h.agent.service.handlers()['approval.respond']({ requestId: request.requestId, decision: 'deny', message: 'Notes are off limits.' }, ctx);
    await done;

    expect(fs.existsSync(path.join(h.repo, 'note.txt'))).toBe(false);
    expect(mcpItems(h)[0]).toMatchObject({ status: 'declined', reason: 'The user declined this tool call: Notes are off limits.' });
    expect(JSON.stringify(fake.requests[1]!.body)).toContain('Notes are off limits.');
  });

  it('approved for the thread: the same tool runs again without asking; "always" is remembered across threads', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    await addFixture(h);
    const write = (text: string) => ({ reply: { toolCalls: [{ name: 'mcp__notes__write_note', arguments: { text } }] } });
    fake.script([write('one'), write('two'), { reply: { text: 'done' } }]);
    const { done } = h.start('Write twice');
    const request = await h.waitForEvent<ApprovalRequest>('approval.requested');
    await h.agent.service.handlers()['approval.respond']({ requestId: request.requestId, decision: 'approveAlways' }, ctx);
    await done;
    expect(h.eventsNamed('approval.requested')).toHaveLength(1);
    expect(fs.readFileSync(path.join(h.repo, 'note.txt'), 'utf8')).toBe('two');

    const other = h.store.threads.create({ workspaceId: h.store.threads.get(h.threadId)!.workspaceId, title: 'Other' });
    fake.script([write('three'), { reply: { text: 'done' } }]);
    await h.agent.service.startTurn({ threadId: other.id, text: 'Write again' }).done;
    expect(h.eventsNamed('approval.requested')).toHaveLength(1);
    expect(fs.readFileSync(path.join(h.repo, 'note.txt'), 'utf8')).toBe('three');
  });

  it('a server whose command does not exist is reported, and the turn completes with the other tools', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    await mcp(h)['mcp.addUserServer']({ name: 'ghost', config: { command: 'tandem-no-such-mcp-server' } }, ctx);
    await mcp(h)['mcp.addUserServer']({ name: 'crashy', config: { command: process.execPath, args: [FIXTURE], env: { FAIL_AT_START: 'missing DATABASE_URL' } } }, ctx);
    await addFixture(h);
    fake.script([{ reply: { toolCalls: [{ name: 'mcp__notes__echo', arguments: { text: 'still here' } }] } }, { reply: { text: 'ok' } }]);
    const turn = await h.run('Use what works');

    expect(turn.status).toBe('completed');
    const failures = h.items().filter((i): i is McpServerFailureItem => i.type === 'mcpServerFailure');
    expect(failures.map((f) => f.server).sort()).toEqual(['crashy', 'ghost']);
    expect(failures.find((f) => f.server === 'ghost')!.message).toMatch(/^MCP server 'ghost' failed to start: spawn tandem-no-such-mcp-server ENOENT/);
    expect(failures.find((f) => f.server === 'crashy')!.message).toContain('missing DATABASE_URL');
    expect(toolNames(fake.requests[0]!.body).filter((n) => n.startsWith('mcp__'))).toEqual(expect.arrayContaining(['mcp__notes__echo']));
    expect(toolNames(fake.requests[0]!.body).some((n) => n.startsWith('mcp__ghost'))).toBe(false);
    expect(mcpItems(h)[0]).toMatchObject({ status: 'completed' });
    // Not sent to the model: the failure is for the user.
    expect(JSON.stringify(fake.requests[0]!.body)).not.toContain('ENOENT');
  });
});

describe('repository servers (.mcp.json)', () => {
  it('do not start until the user enables them; a changed entry must be enabled again', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    const write = (args: string[]) =>
      fs.writeFileSync(path.join(h.repo, '.mcp.json'), JSON.stringify({ mcpServers: { repo: { command: process.execPath, args } } }));
    write([FIXTURE]);
    const workspaceId = h.store.threads.get(h.threadId)!.workspaceId!;

    fake.script([{ reply: { text: 'no tools' } }]);
    await h.run('Hello');
    expect(toolNames(fake.requests[0]!.body).some((n) => n.startsWith('mcp__'))).toBe(false);
    const before = await mcp(h)['mcp.list']({ workspaceId }, ctx);
    expect(before.servers).toEqual([expect.objectContaining({ name: 'repo', scope: 'repo', state: 'disabled', file: path.join(h.repo, '.mcp.json') })]);

    await mcp(h)['mcp.setRepoServerEnabled']({ workspaceId, name: 'repo', enabled: true }, ctx);
    fake.script([{ reply: { text: 'tools now' } }]);
    await h.run('Hello again');
    expect(toolNames(fake.requests.at(-1)!.body)).toContain('mcp__repo__echo');

    write([FIXTURE, '--changed']);
    const after = await mcp(h)['mcp.list']({ workspaceId }, ctx);
    expect(after.servers[0]).toMatchObject({ state: 'disabled', changedSinceEnabled: true });
  });

  it('a broken .mcp.json is reported with the file and the field', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    fs.writeFileSync(
      path.join(h.repo, '.mcp.json'),
      JSON.stringify({ mcpServers: { good: { command: 'x' }, bad: { command: '' }, web: { url: 'http://127.0.0.1:1/mcp' }, old: { type: 'sse', url: 'http://x' } } }),
    );
    const workspaceId = h.store.threads.get(h.threadId)!.workspaceId!;
    const list = await mcp(h)['mcp.list']({ workspaceId }, ctx);
    const file = path.join(h.repo, '.mcp.json');
    expect(list.servers.map((s) => s.name)).toEqual(['good']);
    expect(list.problems).toEqual([
      { file, message: 'mcpServers.bad: command: command is empty' },
      { file, message: 'mcpServers.web: "url" needs "type": "http"' },
      { file, message: 'mcpServers.old: type "sse" is not supported: use "http" (streamable HTTP) or a command (stdio)' },
    ]);
  });
});

describe('MCP tools over streamable HTTP', () => {
  it('calls a tool of an HTTP server, sending the configured headers', async () => {
    const seenAuth: (string | undefined)[] = [];
    const web = http.createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      const server = new McpServer({ name: 'web', version: '1.0.0' });
      server.registerTool('lookup', { description: 'Look a word up.', inputSchema: { word: z.string() }, annotations: { readOnlyHint: true } }, async ({ word }) => ({
        content: [{ type: 'text', text: `${word}: a greeting` }],
        structuredContent: { word },
      }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      void server.connect(transport).then(() => transport.handleRequest(req, res));
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(web.address() as AddressInfo).port}/mcp`;
    try {
      const h = (harness = AgentHarness.start({ fake, wireApi: 'chat' }));
      await mcp(h)['mcp.addUserServer']({ name: 'web', config: { type: 'http', url, headers: { Authorization: 'Bearer t0ken' } } }, ctx);
      fake.script([{ reply: { toolCalls: [{ name: 'mcp__web__lookup', arguments: { word: 'hello' } }] } }, { reply: { text: 'ok' } }]);
      const turn = await h.run('Look up hello');
      expect(turn.status).toBe('completed');
      expect(mcpItems(h)[0]).toMatchObject({ server: 'web', tool: 'lookup', status: 'completed', result: { text: 'hello: a greeting' } });
      expect(JSON.stringify(fake.requests[1]!.body)).toContain('hello: a greeting');
      expect(seenAuth.length).toBeGreaterThan(0);
      expect(seenAuth.every((a) => a === 'Bearer t0ken')).toBe(true);
      await harness.close();
      harness = null;
    } finally {
      await new Promise((resolve) => web.close(resolve));
    }
  });
});
