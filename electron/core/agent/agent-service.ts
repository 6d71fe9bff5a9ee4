/**
 * The agent as the contract sees it: `turn.start`, `turn.steer`, `turn.interrupt`, `turn.active` and
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
  type ApprovalPolicy,
  type SandboxMode,
  type Thread,
  type Turn,
  type TurnContextChip,
  type TurnStartInput,
} from '../../../shared/contract';
import type { ProviderService, ResolvedProvider } from '../provider/provider-service';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';
import { contextForModel, sendableChips } from '../context/prompt';
import type { LedgerContextPart } from '../store/repositories/ledger';
import { loadImageFromDisk, type ImageLoader } from './conversation';
import { buildInstructions } from './instructions';
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
  /** Makes the model client; tests may point it elsewhere. */
  modelClientFor?: (provider: ResolvedProvider) => ModelClient;
}

export class AgentService {
  private readonly runners = new Map<string, ThreadRunner>();
  private readonly tools: ToolRegistry;
  private readonly retry: RetryPolicy;
  private disposed = false;

  constructor(private readonly options: AgentServiceOptions) {
    this.tools = new ToolRegistry(options.tools ?? AGENT_TOOLS);
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    recoverAbandonedTurns(options.store, options.events, (threadId) => this.runners.has(threadId));
  }

  /** Starts a turn; `done` resolves with the finished turn (it never rejects). */
  startTurn(input: TurnStartInput): { turn: Turn; done: Promise<Turn> } {
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
    const cwd = this.resolveCwd(thread, input.cwd ?? config.cwd, input.context ? (this.options.homeDir ?? os.homedir()) : undefined);
    const sandbox = input.sandbox ?? config.sandbox ?? this.options.defaults?.sandbox ?? DEFAULT_SANDBOX;
    const approvalPolicy = input.approvalPolicy ?? config.approvalPolicy ?? this.options.defaults?.approvalPolicy ?? DEFAULT_APPROVAL_POLICY;
    const provider = this.options.provider.resolve();
    const model = input.model ?? config.model ?? provider.model;
    this.saveThreadConfig(thread.id, { cwd, sandbox, approvalPolicy, model: input.model ?? config.model });
    if (thread.title === DEFAULT_THREAD_TITLE && this.options.store.items.count(thread.id) === 0) this.retitle(thread.id, input.text);

    const contextChips = sendableChips(input.context?.chips ?? []);
    const turn = newTurn({ id: `turn_${randomUUID()}`, threadId: thread.id, model, cwd, sandbox, approvalPolicy });
    const workspaceRoot = this.workspaceRoot(thread, cwd);
    const plan: TurnPlan = {
      turn,
      userMessage: { text: withContext(input.text, contextChips), images: (input.images ?? []).map((p) => path.resolve(cwd, p)) },
      ...this.clientFor(provider),
      prepare: async () => {
        const turnSandbox = await this.options.sandboxFor({ threadId: thread.id, cwd, workspaceRoot, sandbox, approvalPolicy });
        const instructions = await buildInstructions({
          cwd,
          sandbox,
          approvalPolicy,
          writableRoots: turnSandbox.writableRoots,
          networkAccess: turnSandbox.networkAccess,
          homeDir: this.options.homeDir,
        });
        // Every request of this turn lists the chips it carried, exactly as sent.
        return { sandbox: turnSandbox, instructions: { ...instructions, parts: [...instructions.parts, ...contextChips.map(ledgerPart)] } };
      },
    };
    const runner = new ThreadRunner(
      { store: this.options.store, events: this.options.events, tools: this.tools, retry: this.retry, loadImage: this.options.loadImage ?? loadImageFromDisk },
      plan,
    );
    this.runners.set(thread.id, runner);
    const started = runner.start();
    const done = runner.done.finally(() => {
      if (this.runners.get(thread.id) === runner) this.runners.delete(thread.id);
    });
    return { turn: started, done };
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

  /** Whether a turn of this thread runs in this process. */
  isRunning(threadId: string): boolean {
    return this.runners.has(threadId);
  }

  handlers(): Pick<Handlers, 'turn.start' | 'turn.interrupt' | 'turn.steer' | 'turn.active' | 'approval.respond'> {
    return {
      'turn.start': (input) => this.startTurn(input).turn,
      'turn.interrupt': ({ threadId }) => ({ interrupted: this.interrupt(threadId) }),
      'turn.steer': ({ threadId, text }) => this.steer(threadId, text),
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

  private workspaceRoot(thread: Thread, cwd: string): string {
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

/** The user's message with the kept context chips after it, written by the context engine's one formatter. */
function withContext(text: string, chips: readonly TurnContextChip[]): string {
  const block = contextForModel(chips);
  return block ? `${text}\n\n${block}` : text;
}

function ledgerPart(chip: TurnContextChip): LedgerContextPart {
  return { kind: chip.kind, label: chip.label, chars: chip.text.length, text: chip.text, ...(chip.redactions ? { redactions: chip.redactions } : {}) };
}
