/**
 * An MCP server's tool as one of the agent's tools: offered to the model as `mcp__<server>__<tool>` with
 * the server's own input schema, asked about like a command (see `mcpCallVerdict`), run with a timeout and
 * the turn's abort signal, and recorded as an `mcpToolCall` item whose result goes back to the model.
 */
import path from 'node:path';
import { z } from 'zod';
import type { ApprovalPolicy, McpToolCallItem } from '../../../../shared/contract';
import { newItemId } from '../items';
import { defineTool, type AgentTool, type ToolContext } from '../tools/registry';
import { askWhileWaiting, denialReason } from '../tools/permissions';
import type { McpConnection, McpToolInfo } from './connection';
import { convertToolResult } from './tool-result';
import { functionParameters } from './tool-schema';

/** Longest tool description sent to the model. */
const MAX_DESCRIPTION_CHARS = 2_000;

export type McpCallVerdict = { kind: 'run' } | { kind: 'ask'; reason: string };

/**
 * Whether a call runs unasked. `never`: always runs (nobody is asked). `on-request`: a tool the server
 * marks read-only (`readOnlyHint`) runs; any other tool asks. `untrusted`: every tool asks. A tool the user
 * allowed "always" runs under every policy; "for this thread" is remembered by the approval broker.
 */
export function mcpCallVerdict(input: { policy: ApprovalPolicy; readOnly: boolean; alwaysAllowed: boolean; server: string; tool: string }): McpCallVerdict {
  if (input.policy === 'never' || input.alwaysAllowed) return { kind: 'run' };
  if (input.policy === 'on-request' && input.readOnly) return { kind: 'run' };
  return {
    kind: 'ask',
    reason:
      input.policy === 'untrusted'
        ? 'Every MCP tool call asks under the untrusted approval policy.'
        : `The MCP server '${input.server}' does not mark ${input.tool} as read-only, so it may change things.`,
  };
}

export interface McpToolDeps {
  connection: McpConnection;
  info: McpToolInfo;
  modelName: string;
  /** Where returned images are saved. */
  imageDir: string;
  callTimeoutMs: number;
  isAlwaysAllowed(): boolean;
  allowAlways(): void;
}

export function createMcpTool(deps: McpToolDeps): AgentTool {
  const server = deps.connection.server.name;
  const tool = deps.info.name;
  const description = `${deps.info.description || `The ${tool} tool`} (MCP server '${server}')`;
  return defineTool({
    name: deps.modelName,
    description: description.length > MAX_DESCRIPTION_CHARS ? `${description.slice(0, MAX_DESCRIPTION_CHARS - 1)}…` : description,
    args: z.record(z.string(), z.unknown()),
    parameters: functionParameters(deps.info.inputSchema),
    async run(args, ctx) {
      const item: McpToolCallItem = {
        type: 'mcpToolCall',
        id: newItemId(),
        call: ctx.call,
        step: ctx.step,
        server,
        tool,
        arguments: JSON.stringify(args),
        status: 'inProgress',
        result: null,
        reason: null,
        durationMs: null,
      };
      ctx.items.start(item);

      const verdict = mcpCallVerdict({ policy: ctx.approvalPolicy, readOnly: deps.info.readOnly, alwaysAllowed: deps.isAlwaysAllowed(), server, tool });
      if (verdict.kind === 'ask') {
        const declined = await askUser(ctx, item, verdict.reason, deps);
        if (declined) return finish(ctx, item, declined);
      }

      const started = performance.now();
      try {
        const result = await deps.connection.callTool(tool, args, { signal: ctx.signal, timeoutMs: deps.callTimeoutMs });
        item.durationMs = Math.round(performance.now() - started);
        if (ctx.signal.aborted) return finish(ctx, item, { status: 'interrupted', reason: 'The user stopped the turn while the tool was running.' });
        item.result = await convertToolResult(result, deps.imageDir, item.id);
        return finish(ctx, item, { status: item.result.isError ? 'failed' : 'completed', reason: null });
      } catch (error) {
        item.durationMs = Math.round(performance.now() - started);
        if (ctx.signal.aborted) return finish(ctx, item, { status: 'interrupted', reason: 'The user stopped the turn while the tool was running.' });
        return finish(ctx, item, { status: 'failed', reason: describeCallError(error, deps.callTimeoutMs) });
      }
    },
  }) as AgentTool;
}

/** Asks the user; returns the outcome when the call must not run, null when it may. */
async function askUser(ctx: ToolContext, item: McpToolCallItem, reason: string, deps: McpToolDeps): Promise<{ status: McpToolCallItem['status']; reason: string } | null> {
  const answer = await askWhileWaiting(ctx, {
    threadId: ctx.threadId,
    turnId: ctx.turnId,
    itemId: item.id,
    kind: 'mcpToolCall',
    reason,
    justification: null,
    command: null,
    cwd: ctx.cwd,
    paths: [],
    rulePrefix: null,
    mcp: { server: item.server, tool: item.tool, arguments: item.arguments },
  });
  if (answer.decision === 'cancelled') return { status: 'interrupted', reason: 'The turn was stopped before the tool call was approved.' };
  if (answer.decision === 'deny') return { status: 'declined', reason: denialReason(answer, 'this tool call', 'declined this tool call') };
  if (answer.decision === 'approveAlways') deps.allowAlways();
  return null;
}

function finish(ctx: ToolContext, item: McpToolCallItem, outcome: { status: McpToolCallItem['status']; reason: string | null }): McpToolCallItem {
  item.status = outcome.status;
  item.reason = outcome.reason;
  ctx.items.complete(item);
  return item;
}

function describeCallError(error: unknown, timeoutMs: number): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/timed out|RequestTimeout|-32001/i.test(message)) return `The tool did not answer within ${Math.round(timeoutMs / 1000)} s.`;
  return message;
}

/** What the model reads back for an MCP tool call. */
export function mcpToolOutput(item: McpToolCallItem): string {
  switch (item.status) {
    case 'declined':
      return `The tool was not called. ${item.reason ?? ''}`.trim();
    case 'interrupted':
      return 'The tool call was interrupted by the user.';
    case 'inProgress':
      return 'The tool call did not finish.';
    default:
      break;
  }
  if (!item.result) return `The tool call failed: ${item.reason ?? 'unknown error'}`;
  const text = item.result.text || (item.result.images.length ? '' : '(The tool returned nothing.)');
  const images = item.result.images.length ? `\n[${item.result.images.length} image${item.result.images.length === 1 ? '' : 's'} attached: ${item.result.images.map((p) => path.basename(p)).join(', ')}]` : '';
  return `${item.result.isError ? 'The tool reported an error:\n' : ''}${text}${images}`.trim();
}
