/**
 * The agent as the contract sees it: `turn.start`, `turn.steer`, `turn.update`, `turn.pause` /
 * `turn.resume`, `turn.interrupt`, `turn.active`, `turn.list`, `agent.threadSettings.get` and
 * `approval.respond`. It resolves each turn's settings (working folder, sandbox, approval policy, model —
 * each remembered per thread once given), keeps one ThreadRunner per running thread, closes turns left
 * running by a process that died, and on dispose interrupts every turn and waits for it to end.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  RpcError,
  type ActiveTurnState,
  type AgentItem,
  type ApprovalPolicy,
  type SandboxMode,
  type Thread,
  type ThreadRunSettings,
  type Turn,
  type TurnPauseState,
  type TurnContextChip,
  type TurnStartInput,
  type TurnUpdateInput,
} from '../../../shared/contract';
import type { ProviderService, ResolvedProvider } from '../provider/provider-service';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';
import { contextForModel, sendableChips } from '../context/prompt';
import type { LedgerContextPart } from '../store/repositories/ledger';
import { loadImageFromDisk, type ImageLoader } from './conversation';
import { resolveContextWindow, saveContextWindow } from './compaction/context-window';
import { sinceLastCompaction } from './compaction/history';
import { buildInstructions, type TurnInstructions } from './instructions';
import { newItemId, toLoggedItem, type LoggedItem } from './items';
import type { McpServers } from './mcp/servers';
import { createAgentModelClient } from './model';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './model/retry';
import type { ModelClient } from './model/types';
import { newTurn, ThreadRunner, type TurnPlan } from './thread-runner';
import { applyPatchTool } from './tools/apply-patch-tool';
import type { ApprovalDesk, TurnSandboxFactory } from './tools/permissions';
import { ToolRegistry, type AgentTool } from './tools/registry';
import { shellTool } from './tools/shell';
import { updatePlanTool } from './tools/update-plan';
import { viewImageTool } from './tools/view-image';
import { liveOwnerElsewhere, recoverAbandonedTurns } from './turn-ownership';

export const DEFAULT_SANDBOX: SandboxMode = 'workspace-write';
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = 'on-request';
/** How long dispose waits for running turns to wind down after interrupting them. */
const DISPOSE_WAIT_MS = 5_000;
const TITLE_CHARS = 60;
const DEFAULT_THREAD_TITLE = 'New thread';

export const AGENT_TOOLS: AgentTool[] = [shellTool as AgentTool, applyPatchTool as AgentTool, updatePlanTool as AgentTool, viewImageTool as AgentTool];

/** How a feature's turn differs from an ordinary one (plan-first runs: proposing a plan, running one). */
export interface TurnVariant {
  /** The turn's tools, chosen from the agent's usual ones. */
  tools?: (standard: readonly AgentTool[]) => AgentTool[];
  /** Added after the usual instructions, and listed in the ledger under `label`. */
  instructions?: { label: string; text: string };
  /** This turn's sandbox; unlike turn.start's, it is not kept as the thread's default. */
  sandbox?: SandboxMode;
  beforeFinish?: TurnPlan['beforeFinish'];
}

/** Settings a thread keeps between turns (the last ones given to turn.start). */
interface ThreadAgentConfig {
  cwd?: string;
  sandbox?: SandboxMode;
  approvalPolicy?: ApprovalPolicy;
  model?: string;
}

export interface AgentServiceOptions {
  store: Store;
  events: EventBus;
  provider: Pick<ProviderService, 'resolve'>;
  /** Builds each turn's sandbox: permissions and the command runner bound to its writable roots. */
  sandboxFor: TurnSandboxFactory;
  /** Where approval requests wait for the user. */
  approvals: ApprovalDesk;
  retry?: RetryPolicy;
  tools?: AgentTool[];
  defaults?: { sandbox?: SandboxMode; approvalPolicy?: ApprovalPolicy };
  loadImage?: ImageLoader;
  /** For AGENTS.md discovery (~/.tandem, ~/.codex). */
  homeDir?: string;
  /** MCP servers whose tools each turn is offered (mcp/servers.ts). */
  mcp?: Pick<McpServers, 'toolsForTurn'> | null;
  /** Makes the model client; tests may point it elsewhere. */
  modelClientFor?: (provider: ResolvedProvider) => ModelClient;
  /** Told of each turn: awaited before it starts working, told when it has ended (the review panel snapshots its folder). */
  turnObserver?: TurnObserver | null;
}

export interface TurnObserver {
  /** Must not reject; the turn waits for it before its first model call. */
  turnStarting(turn: Turn): Promise<void>;
  turnEnded(turn: Turn): void;
}

export class AgentService {
  private readonly runners = new Map<string, ThreadRunner>();
  /** Running turns whose sandbox is part of what they are (a planning turn is read-only): turn.update leaves it. */
  private readonly fixedSandbox = new Set<ThreadRunner>();
  private readonly tools: ToolRegistry;
  private readonly retry: RetryPolicy;
  private disposed = false;

  constructor(private readonly options: AgentServiceOptions) {
    this.tools = new ToolRegistry(options.tools ?? AGENT_TOOLS);
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    recoverAbandonedTurns(options.store, options.events, (threadId) => this.runners.has(threadId));
  }

  /** Starts a turn; `done` resolves with the finished turn (it never rejects). */
  startTurn(input: TurnStartInput, variant?: TurnVariant, mode?: { compactOnly: true }): { turn: Turn; done: Promise<Turn> } {
    if (this.disposed) throw new RpcError('unavailable', 'The agent is shutting down.');
    const thread = this.requireThread(input.threadId);
    if (this.runners.has(thread.id)) {
      throw new RpcError('conflict', 'A turn is already running in this thread: steer it (turn.steer) or stop it first.');
    }
    const elsewhere = liveOwnerElsewhere(this.options.store, thread.id);
    if (elsewhere !== null) throw new RpcError('conflict', `This thread is running in another Tandem process (pid ${elsewhere}).`);

    const config = this.threadConfig(thread.id);
    // A quick question (it carries context) may come from no project at all: it then runs in the home
    // folder, where the read-only sandbox it asks for lets the agent look but not touch.
    // A worktree thread always works in its worktree; a Local thread in its workspace (or the cwd given).
    const cwd = thread.worktree
      ? this.worktreeCwd(thread.worktree.path, input.cwd)
      : this.resolveCwd(thread, input.cwd ?? config.cwd, input.context ? (this.options.homeDir ?? os.homedir()) : undefined);
    const threadSandbox = input.sandbox ?? config.sandbox ?? this.options.defaults?.sandbox ?? DEFAULT_SANDBOX;
    const sandbox = variant?.sandbox ?? threadSandbox;
    const approvalPolicy = input.approvalPolicy ?? config.approvalPolicy ?? this.options.defaults?.approvalPolicy ?? DEFAULT_APPROVAL_POLICY;
    const provider = this.options.provider.resolve();
    const model = input.model ?? config.model ?? provider.model;
    this.saveThreadConfig(thread.id, { cwd: thread.worktree ? config.cwd : cwd, sandbox: threadSandbox, approvalPolicy, model: input.model ?? config.model });
    if (thread.title === DEFAULT_THREAD_TITLE && this.options.store.items.count(thread.id) === 0) this.retitle(thread.id, input.text);

    const contextChips = sendableChips(input.context?.chips ?? []);
    const turn = newTurn({ id: `turn_${randomUUID()}`, threadId: thread.id, model, cwd, sandbox, approvalPolicy });
    const observed = this.options.turnObserver?.turnStarting({ ...turn });
    const workspaceRoot = this.workspaceRoot(thread, cwd);
    const plan: TurnPlan = {
      turn,
      userMessage: { text: withContext(input.text, contextChips), images: (input.images ?? []).map((p) => path.resolve(cwd, p)) },
      ...this.clientFor(provider),
      // Again with new settings when the user changes the running turn's autonomy (turn.update).
      prepare: async (autonomy) => {
        const turnSandbox = await this.options.sandboxFor({ threadId: thread.id, cwd, workspaceRoot, ...autonomy });
        const instructions = await buildInstructions({
          cwd,
          ...autonomy,
          writableRoots: turnSandbox.writableRoots,
          networkAccess: turnSandbox.networkAccess,
          homeDir: this.options.homeDir,
          userText: input.text,
        });
        // Every request of this turn lists the chips it carried, exactly as sent.
        const withChips = { ...instructions, parts: [...instructions.parts, ...contextChips.map(ledgerPart)] };
        // The observer's "before" snapshot ran alongside the above; nothing may change files before it is done.
        await observed;
        return { sandbox: turnSandbox, instructions: withVariantInstructions(withChips, variant) };
      },
      ...(variant?.tools ? { tools: new ToolRegistry(variant.tools(this.options.tools ?? AGENT_TOOLS)) } : {}),
      // MCP servers' tools join a normal turn (a variant with its own tool set keeps to it).
      // Keyed by the workspace (where Settings enables its .mcp.json servers), also for a worktree thread.
      ...(this.options.mcp && !variant?.tools ? { extraTools: () => this.mcpToolsFor(this.mcpRoot(thread, workspaceRoot)) } : {}),
      ...(variant?.beforeFinish ? { beforeFinish: variant.beforeFinish } : {}),
      ...(mode?.compactOnly ? { compactOnly: true } : {}),
    };
    const runner = new ThreadRunner(
      {
        store: this.options.store,
        events: this.options.events,
        tools: this.tools,
        retry: this.retry,
        loadImage: this.options.loadImage ?? loadImageFromDisk,
        contextWindowFor: (model) => resolveContextWindow(this.options.store, model),
      },
      plan,
    );
    this.runners.set(thread.id, runner);
    if (variant?.sandbox) this.fixedSandbox.add(runner);
    const started = runner.start();
    if (this.options.turnObserver) void runner.done.then((ended) => this.options.turnObserver?.turnEnded(ended));
    const done = runner.done.finally(() => {
      this.fixedSandbox.delete(runner);
      if (this.runners.get(thread.id) === runner) this.runners.delete(thread.id);
    });
    return { turn: started, done };
  }

  /**
   * `thread.compact`: a turn that only compacts the conversation (a handoff summary replaces its history).
   * Refused while a turn runs, and when nothing was added since the last compaction.
   */
  compact(threadId: string): { turn: Turn; done: Promise<Turn> } {
    const log = this.options.store.items.list(this.requireThread(threadId).id).map(toLoggedItem).filter((l): l is LoggedItem => l !== null);
    if (this.runners.has(threadId)) throw new RpcError('conflict', 'A turn is running in this thread: compact it once the turn has ended.');
    if (sinceLastCompaction(log).items.length === 0) throw new RpcError('invalid_input', 'There is nothing to compact: the conversation is empty or was just compacted.');
    return this.startTurn({ threadId, text: 'Compact the conversation' }, undefined, { compactOnly: true });
  }

  interrupt(threadId: string): boolean {
    const runner = this.runners.get(threadId);
    runner?.interrupt();
    return runner !== undefined;
  }

  steer(threadId: string, text: string): { turnId: string } {
    const runner = this.runners.get(threadId);
    if (!runner) throw new RpcError('conflict', 'No turn is running in this thread: start one with turn.start.');
    runner.steer(text);
    return { turnId: runner.turn.id };
  }

  active(threadId: string): ActiveTurnState | null {
    return this.runners.get(threadId)?.state(this.options.approvals.pending(threadId)) ?? null;
  }

  /**
   * `turn.update`: keeps the changes as the thread's defaults and applies them to the running turn, if
   * any, from its next step (recorded there as a settingsChange item).
   */
  update(input: TurnUpdateInput): { turnId: string | null } {
    const { threadId, ...change } = input;
    this.requireThread(threadId);
    this.saveThreadConfig(threadId, { ...this.threadConfig(threadId), ...change });
    const runner = this.runners.get(threadId);
    // A new sandbox still becomes the thread's default, but a turn whose sandbox defines it (proposing a
    // plan is read-only) keeps its own until it ends.
    if (runner) {
      const { sandbox: _kept, ...rest } = change;
      const applied = this.fixedSandbox.has(runner) ? rest : change;
      if (Object.values(applied).some((value) => value !== undefined)) runner.update(applied);
    }
    return { turnId: runner?.turn.id ?? null };
  }

  pause(threadId: string): TurnPauseState {
    return this.requireRunner(threadId).pauseTurn();
  }

  resume(threadId: string): TurnPauseState {
    return this.requireRunner(threadId).resumeTurn();
  }

  /** The settings the thread's next turn would use. */
  threadSettings(threadId: string): ThreadRunSettings {
    this.requireThread(threadId);
    const config = this.threadConfig(threadId);
    return {
      sandbox: config.sandbox ?? this.options.defaults?.sandbox ?? DEFAULT_SANDBOX,
      approvalPolicy: config.approvalPolicy ?? this.options.defaults?.approvalPolicy ?? DEFAULT_APPROVAL_POLICY,
      model: config.model ?? null,
      cwd: config.cwd ?? null,
    };
  }

  /** The thread's turns that have ended (the running one is `turn.active`'s). */
  finishedTurns(threadId: string): Turn[] {
    this.requireThread(threadId);
    return this.options.store.turns.list(threadId).filter((t) => t.status !== 'inProgress');
  }

  /** Whether a turn of this thread runs in this process. */
  isRunning(threadId: string): boolean {
    return this.runners.has(threadId);
  }

  /** The folder the thread's next turn would work in (its worktree, or its working folder). */
  workingFolder(threadId: string): string {
    const thread = this.requireThread(threadId);
    return thread.worktree ? thread.worktree.path : this.resolveCwd(thread, this.threadConfig(threadId).cwd);
  }

  handlers(): Pick<
    Handlers,
    'turn.start' | 'thread.compact' | 'model.contextWindow.get' | 'model.contextWindow.set' | 'turn.interrupt' | 'turn.steer' | 'turn.update' | 'turn.pause' | 'turn.resume' | 'turn.list' | 'turn.active' | 'agent.threadSettings.get' | 'approval.respond'
  > {
    return {
      'turn.start': (input) => this.startTurn(input).turn,
      'thread.compact': ({ threadId }) => this.compact(threadId).turn,
      'model.contextWindow.get': ({ model }) => resolveContextWindow(this.options.store, model),
      'model.contextWindow.set': (update) => saveContextWindow(this.options.store, update),
      'turn.interrupt': ({ threadId }) => ({ interrupted: this.interrupt(threadId) }),
      'turn.steer': ({ threadId, text }) => this.steer(threadId, text),
      'turn.update': (input) => this.update(input),
      'turn.pause': ({ threadId }) => ({ pause: this.pause(threadId) }),
      'turn.resume': ({ threadId }) => ({ pause: this.resume(threadId) }),
      'turn.list': ({ threadId }) => ({ turns: this.finishedTurns(threadId) }),
      'agent.threadSettings.get': ({ threadId }) => this.threadSettings(threadId),
      'turn.active': ({ threadId }) => ({ active: this.active(threadId) }),
      'approval.respond': async ({ requestId, decision, message }) => ({
        resolved: await this.options.approvals.respond(requestId, decision, message?.trim() || undefined),
      }),
    };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const running = [...this.runners.values()];
    for (const runner of running) runner.interrupt();
    await Promise.race([Promise.all(running.map((r) => r.done)), new Promise((resolve) => setTimeout(resolve, DISPOSE_WAIT_MS).unref())]);
  }

  /** The tools of the MCP servers this turn may use; failures become notices in the thread. */
  private async mcpToolsFor(workspaceRoot: string): Promise<{ tools: AgentTool[]; notices: AgentItem[] }> {
    try {
      const { tools, failures } = await this.options.mcp!.toolsForTurn(workspaceRoot, this.tools.names);
      return { tools, notices: failures };
    } catch (error) {
      const message = `MCP servers could not be read: ${error instanceof Error ? error.message : String(error)}`;
      return { tools: [], notices: [{ type: 'mcpServerFailure', id: newItemId(), server: '', scope: 'user', message }] };
    }
  }

  private clientFor(provider: ResolvedProvider): Pick<TurnPlan, 'client' | 'providerLabel' | 'failure'> {
    const providerLabel = provider.kind === 'openai' && !provider.baseUrl ? 'openai' : `${provider.kind} ${provider.baseUrl ?? ''}`.trim();
    if (provider.kind === 'openai' && !provider.baseUrl && !provider.apiKey) {
      return {
        client: null,
        providerLabel,
        failure: { kind: 'noProvider', message: 'No OpenAI API key is set: add one in Settings (or set OPENAI_API_KEY), or point Tandem at a local model server.' },
      };
    }
    try {
      return { client: (this.options.modelClientFor ?? createAgentModelClient)(provider), providerLabel, failure: null };
    } catch (error) {
      return { client: null, providerLabel, failure: { kind: 'noProvider', message: `The model client could not be created: ${(error as Error).message}` } };
    }
  }

  private requireRunner(threadId: string): ThreadRunner {
    const runner = this.runners.get(threadId);
    if (!runner) throw new RpcError('conflict', 'No turn is running in this thread.');
    return runner;
  }

  private requireThread(id: string): Thread {
    const thread = this.options.store.threads.get(id);
    if (!thread) throw new RpcError('not_found', `No thread with id ${id}`);
    return thread;
  }

  private resolveCwd(thread: Thread, requested: string | undefined, fallback?: string): string {
    const workspace = thread.workspaceId ? this.options.store.workspaces.get(thread.workspaceId) : undefined;
    const base = workspace?.path;
    const chosen = requested ? path.resolve(base ?? process.cwd(), requested) : (base ?? fallback);
    if (!chosen) throw new RpcError('invalid_input', 'This thread has no folder: open it in a workspace, or pass cwd.');
    let isDir = false;
    try {
      isDir = fs.statSync(chosen).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new RpcError('invalid_input', `The working folder ${chosen} does not exist or is not a folder.`);
    return chosen;
  }

  /** The worktree, or a folder inside it; a folder outside it would let the thread edit the user's checkout. */
  private worktreeCwd(worktree: string, requested: string | undefined): string {
    const chosen = requested ? path.resolve(worktree, requested) : worktree;
    if (chosen !== worktree && !chosen.startsWith(worktree + path.sep)) {
      throw new RpcError('invalid_input', `This thread works in its worktree (${worktree}); ${chosen} is outside it.`);
    }
    if (!fs.existsSync(chosen) || !fs.statSync(chosen).isDirectory()) {
      throw new RpcError('invalid_input', `The thread's worktree folder ${chosen} is missing; archive the thread, or start a new one.`);
    }
    return chosen;
  }

  /** The folder whose `.mcp.json` servers a turn may use: the thread's workspace, else its root. */
  private mcpRoot(thread: Thread, workspaceRoot: string): string {
    const workspace = thread.workspaceId ? this.options.store.workspaces.get(thread.workspaceId) : undefined;
    return workspace?.path ?? workspaceRoot;
  }

  private workspaceRoot(thread: Thread, cwd: string): string {
    if (thread.worktree) return thread.worktree.path;
    const workspace = thread.workspaceId ? this.options.store.workspaces.get(thread.workspaceId) : undefined;
    if (workspace && (cwd === workspace.path || cwd.startsWith(workspace.path + path.sep))) return workspace.path;
    return cwd;
  }

  private threadConfig(threadId: string): ThreadAgentConfig {
    return this.options.store.settings.get<ThreadAgentConfig>(`agent.thread.${threadId}`) ?? {};
  }

  private saveThreadConfig(threadId: string, config: ThreadAgentConfig): void {
    const clean = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
    this.options.store.settings.set(`agent.thread.${threadId}`, clean);
  }

  private retitle(threadId: string, text: string): void {
    const line = text.replace(/\s+/g, ' ').trim();
    const title = line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line;
    const updated = this.options.store.threads.update(threadId, { title });
    if (updated) this.options.events.emit('threads.changed', updated);
  }
}

/** A variant's instructions go last, after the environment block, where they read as this turn's brief. */
function withVariantInstructions(instructions: TurnInstructions, variant: TurnVariant | undefined): TurnInstructions {
  const extra = variant?.instructions;
  if (!extra) return instructions;
  return { text: `${instructions.text}\n\n${extra.text}`, parts: [...instructions.parts, { kind: 'instructions', label: extra.label, chars: extra.text.length }] };
}

/** The user's message with the kept context chips after it, written by the context engine's one formatter. */
function withContext(text: string, chips: readonly TurnContextChip[]): string {
  const block = contextForModel(chips);
  return block ? `${text}\n\n${block}` : text;
}

function ledgerPart(chip: TurnContextChip): LedgerContextPart {
  return { kind: chip.kind, label: chip.label, chars: chip.text.length, text: chip.text, ...(chip.redactions ? { redactions: chip.redactions } : {}) };
}
