// One MCP server's life as McpServers runs it, with real processes: a server that never answers is given
// up on after the start timeout, a server that dies mid-call reports what it printed, a dead server is
// started again by the next turn, and disposing the agent's servers ends their processes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpToolCallItem } from '../../../shared/contract';
import { mcpHandlers } from '../../../electron/core/agent/mcp/mcp-service';
import { McpServers } from '../../../electron/core/agent/mcp/servers';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { startFakeOpenAI } from '../../support/fake-openai';
import { makeTempDir } from '../../support/temp-dir';
import { AgentHarness } from './support/agent-harness';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/mcp/stdio-server.mjs');

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

function setup(userServers: Record<string, unknown>, options: { startTimeoutMs?: number } = {}) {
  const tmp = makeTempDir('tandem-mcp-');
  const store = Store.open(path.join(tmp.dir, 'data'));
  store.settings.set('mcp.userServers', userServers);
  const servers = new McpServers({ store, events: new EventBus(), dataDir: path.join(tmp.dir, 'data'), homeDir: tmp.dir, ...options });
  cleanup = async () => {
    await servers.dispose();
    store.close();
    tmp.cleanup();
  };
  return { servers, root: tmp.dir };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('MCP server lifecycle', () => {
  it('gives up on a server that never answers, after the start timeout, and says so', async () => {
    const { servers, root } = setup({ mute: { command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] } }, { startTimeoutMs: 1_000 });
    const { tools, failures } = await servers.toolsForTurn(root, []);
    expect(tools).toEqual([]);
    expect(failures).toEqual([expect.objectContaining({ server: 'mute', message: "MCP server 'mute' failed to start: it did not answer within 1 s" })]);
  });

  it('a server that dies mid-call: the call fails with its stderr; the next turn starts it again; dispose ends it', async () => {
    const fake = await startFakeOpenAI();
    const h = AgentHarness.start({ fake, wireApi: 'responses' });
    cleanup = async () => {
      await h.close();
      await fake.close();
    };
    await mcpHandlers(h.agent.mcp, h.store)['mcp.addUserServer']({ name: 'fx', config: { command: process.execPath, args: [FIXTURE] } }, { clientId: 'test' });

    fake.script([{ reply: { toolCalls: [{ name: 'mcp__fx__crash', arguments: {} }] } }, { reply: { text: 'It crashed.' } }]);
    expect((await h.run('Crash it', { approvalPolicy: 'never' })).status).toBe('completed');
    const crashed = h.items().find((i): i is McpToolCallItem => i.type === 'mcpToolCall')!;
    expect(crashed.status).toBe('failed');
    expect(crashed.reason).toMatch(/^MCP server 'fx' stopped\. Its last output:\n[\s\S]*panic: out of cheese/);
    expect(JSON.stringify(fake.requests[1]!.body)).toContain('out of cheese');
    expect((await h.agent.mcp.list(null)).servers[0]).toMatchObject({ state: 'failed' });

    // The next turn starts it again.
    fake.script([{ reply: { toolCalls: [{ name: 'mcp__fx__pid', arguments: {} }] } }, { reply: { text: 'Got the pid.' } }]);
    await h.run('Which pid?');
    const pidItem = h.items().filter((i): i is McpToolCallItem => i.type === 'mcpToolCall').at(-1)!;
    expect(pidItem.status).toBe('completed');
    const pid = Number(pidItem.result!.text);
    expect(isAlive(pid)).toBe(true);

    await h.agent.dispose();
    expect(isAlive(pid)).toBe(false);
    fake.assertNoViolations();
  });
});
