/**
 * The agent's tools: each declares its arguments once (a zod schema, from which the JSON schema the model
 * sees is derived), runs with a ToolContext, and records its own item. Dispatch lives here: an unknown
 * tool or arguments that do not fit become an `invalidToolCall` error item whose message goes back to
 * the model as the call's output, so the model can correct itself.
 */
import { z } from 'zod';
import type { AgentItem, ApprovalPolicy, ErrorItem, ModelToolCall, SandboxMode } from '../../../../shared/contract';
import { newItemId, type TurnItems } from '../items';
import type { ToolDefinition } from '../model/types';
import type { AgentPermissions, CommandExecutor } from './permissions';

export interface ToolContext {
  threadId: string;
  turnId: string;
  /** The model call (1-based, within the turn) that made this call. */
  step: number;
  call: ModelToolCall;
  cwd: string;
  sandbox: SandboxMode;
  approvalPolicy: ApprovalPolicy;
  signal: AbortSignal;
  items: TurnItems;
  permissions: AgentPermissions;
  commands: CommandExecutor;
  /** Tells the thread it is waiting on the user (status waitingForApproval) or not any more. */
  setWaitingForApproval(waiting: boolean): void;
}

export interface AgentTool<A = unknown> {
  readonly name: string;
  readonly description: string;
  readonly args: z.ZodType<A>;
  /**
   * The JSON schema the model sees, when it does not come from `args` (an MCP server's tool declares its
   * own; `args` then only checks that the arguments are an object).
   */
  readonly parameters?: Record<string, unknown>;
  /** Runs the call and returns its completed (stored) item. Must not throw for anything the model did. */
  run(args: A, ctx: ToolContext): Promise<AgentItem>;
}

export function defineTool<S extends z.ZodType>(tool: {
  name: string;
  description: string;
  args: S;
  parameters?: Record<string, unknown>;
  run(args: z.output<S>, ctx: ToolContext): Promise<AgentItem>;
}): AgentTool<z.output<S>> {
  return tool as AgentTool<z.output<S>>;
}

/** The function definition the model is given for a tool. */
export function toolDefinition(tool: AgentTool): ToolDefinition {
  if (tool.parameters) return { name: tool.name, description: tool.description, parameters: tool.parameters };
  const { $schema: _ignored, ...parameters } = z.toJSONSchema(tool.args, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return { name: tool.name, description: tool.description, parameters };
}

export class ToolRegistry {
  private readonly byName = new Map<string, AgentTool>();
  readonly definitions: ToolDefinition[];

  constructor(tools: AgentTool[], definitions?: ToolDefinition[]) {
    for (const tool of tools) this.byName.set(tool.name, tool);
    this.definitions = definitions ?? tools.map(toolDefinition);
  }

  /** This registry plus a turn's own tools (its MCP servers'), reusing the definitions already made. */
  extend(extra: AgentTool[]): ToolRegistry {
    if (extra.length === 0) return this;
    return new ToolRegistry([...this.byName.values(), ...extra], [...this.definitions, ...extra.map(toolDefinition)]);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  async run(ctx: ToolContext): Promise<AgentItem> {
    const tool = this.byName.get(ctx.call.name);
    if (!tool) {
      return invalidCall(ctx, `There is no tool named "${ctx.call.name}". The tools are: ${this.names.join(', ')}.`);
    }
    let raw: unknown;
    try {
      raw = ctx.call.arguments.trim() === '' ? {} : JSON.parse(ctx.call.arguments);
    } catch (error) {
      return invalidCall(ctx, `The arguments of ${tool.name} are not valid JSON (${(error as Error).message}). Send a JSON object.`);
    }
    const parsed = tool.args.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`).join('; ');
      return invalidCall(ctx, `The arguments of ${tool.name} do not fit its schema: ${problems}.`);
    }
    return tool.run(parsed.data, ctx);
  }
}

function invalidCall(ctx: ToolContext, message: string): AgentItem {
  const item: ErrorItem = { type: 'error', id: newItemId(), kind: 'invalidToolCall', message, httpStatus: null, call: ctx.call, step: ctx.step };
  ctx.items.record(item);
  return item;
}
