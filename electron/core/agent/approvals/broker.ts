/*
 * Approval requests as data. The turn loop calls request() when the policy says "prompt" and awaits
 * the answer; the UI sees `approval.requested`, answers through `approval.respond` (→ respond()), and
 * every client sees `approval.resolved`. The broker remembers, per thread, what was approved for the
 * thread, saves "always allow" prefixes as user rules, and answers "deny" to whatever is pending when
 * a turn is interrupted.
 */
import { randomUUID } from 'node:crypto';
import type { ApprovalDecision, ApprovalRequest } from '../../../../shared/contract/agent';
import { analyzeCommand } from './command-analysis';

export type { ApprovalDecision, ApprovalRequest };

/** The two contract events the broker emits; an EventBus fits. */
export interface ApprovalEventSink {
  emit(event: 'approval.requested', payload: ApprovalRequest): void;
  emit(event: 'approval.resolved', payload: { threadId: string; requestId: string; decision: ApprovalDecision | 'cancelled' }): void;
}

export type ApprovalRequestInput = Omit<ApprovalRequest, 'requestId' | 'requestedAt'> & {
  /** The command would run outside the sandbox: a thread approval of it does not cover a sandboxed run and vice versa. */
  escalated?: boolean;
};

export interface ApprovalAnswer {
  decision: ApprovalDecision;
  /** With `deny`: the user's message for the model. */
  message: string | null;
  /** Answered from an earlier "for this thread" or "always" approval, without asking. */
  remembered: boolean;
  /** The turn was interrupted (or the thread closed) before anyone answered; `decision` is `deny`. */
  cancelled: boolean;
  /** Something the user should know (an "always allow" rule that could not be saved). */
  warning: string | null;
}

export interface ApprovalBrokerOptions {
  events: ApprovalEventSink;
  /** Saves an "always allow" prefix as a user rule (appendUserRule). */
  saveRule?: (prefix: string[]) => Promise<unknown>;
  newId?: () => string;
  now?: () => number;
}

interface Pending {
  request: ApprovalRequest;
  escalated: boolean;
  resolve: (answer: ApprovalAnswer) => void;
  cleanup: () => void;
}

interface ThreadMemory {
  /** `sandbox|host` + the exact command. */
  commands: Set<string>;
  /** Prefixes approved with "always": they cover the command wherever it runs. */
  prefixes: string[][];
  paths: Set<string>;
  /** MCP tools approved for the thread: server + tool name (any arguments). */
  mcpTools: Set<string>;
}

export class ApprovalBroker {
  private readonly pendingById = new Map<string, Pending>();
  private readonly memory = new Map<string, ThreadMemory>();
  private readonly newId: () => string;
  private readonly now: () => number;

  constructor(private readonly options: ApprovalBrokerOptions) {
    this.newId = options.newId ?? randomUUID;
    this.now = options.now ?? Date.now;
  }

  /** Asks the user (or answers from the thread's memory). Never rejects. */
  request(input: ApprovalRequestInput, options: { signal?: AbortSignal } = {}): Promise<ApprovalAnswer> {
    const escalated = input.escalated ?? false;
    if (this.isRemembered(input, escalated)) {
      return Promise.resolve({ decision: 'approveForThread', message: null, remembered: true, cancelled: false, warning: null });
    }
    if (options.signal?.aborted) return Promise.resolve(cancelledAnswer());

    const { escalated: _escalated, ...fields } = input;
    const request: ApprovalRequest = { ...fields, requestId: this.newId(), requestedAt: this.now() };
    return new Promise<ApprovalAnswer>((resolve) => {
      const onAbort = () => this.cancel(request.requestId);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pendingById.set(request.requestId, {
        request,
        escalated,
        resolve,
        cleanup: () => options.signal?.removeEventListener('abort', onAbort),
      });
      this.options.events.emit('approval.requested', request);
    });
  }

  /**
   * The user's answer (`approval.respond`). False when no such request is pending (answered already,
   * or cancelled). Resolves the waiting turn only after an "always" rule was saved (or failed to be).
   */
  async respond(requestId: string, decision: ApprovalDecision, message?: string): Promise<boolean> {
    const pending = this.pendingById.get(requestId);
    if (!pending) return false;
    this.pendingById.delete(requestId);
    pending.cleanup();
    const { request } = pending;

    let warning: string | null = null;
    if (decision === 'approveForThread' || decision === 'approveAlways') this.remember(request, pending.escalated, decision);
    if (decision === 'approveAlways' && request.rulePrefix && this.options.saveRule) {
      try {
        await this.options.saveRule(request.rulePrefix);
      } catch (error) {
        warning = `Approved, but the rule could not be saved: ${(error as Error).message}`;
      }
    }
    this.options.events.emit('approval.resolved', { threadId: request.threadId, requestId, decision });
    pending.resolve({
      decision,
      message: decision === 'deny' ? (message?.trim() || null) : null,
      remembered: false,
      cancelled: false,
      warning,
    });
    return true;
  }

  /** Denies every request of the turn still waiting (the turn was interrupted). Returns how many. */
  cancelTurn(threadId: string, turnId: string): number {
    return this.cancelWhere((r) => r.threadId === threadId && r.turnId === turnId);
  }

  /** Cancels the thread's pending requests and forgets its approvals (the thread was archived). */
  forgetThread(threadId: string): void {
    this.cancelWhere((r) => r.threadId === threadId);
    this.memory.delete(threadId);
  }

  /** Requests waiting for an answer, oldest first (for a UI that connects late). */
  pending(threadId?: string): ApprovalRequest[] {
    return [...this.pendingById.values()].map((p) => p.request).filter((r) => threadId === undefined || r.threadId === threadId);
  }

  /** Cancels everything pending. */
  dispose(): void {
    this.cancelWhere(() => true);
    this.memory.clear();
  }

  private cancel(requestId: string): void {
    const pending = this.pendingById.get(requestId);
    if (!pending) return;
    this.pendingById.delete(requestId);
    pending.cleanup();
    this.options.events.emit('approval.resolved', { threadId: pending.request.threadId, requestId, decision: 'cancelled' });
    pending.resolve(cancelledAnswer());
  }

  private cancelWhere(test: (request: ApprovalRequest) => boolean): number {
    const ids = [...this.pendingById.values()].filter((p) => test(p.request)).map((p) => p.request.requestId);
    for (const id of ids) this.cancel(id);
    return ids.length;
  }

  private threadMemory(threadId: string): ThreadMemory {
    let memory = this.memory.get(threadId);
    if (!memory) {
      memory = { commands: new Set(), prefixes: [], paths: new Set(), mcpTools: new Set() };
      this.memory.set(threadId, memory);
    }
    return memory;
  }

  private remember(request: ApprovalRequest, escalated: boolean, decision: ApprovalDecision): void {
    const memory = this.threadMemory(request.threadId);
    if (request.kind === 'fileChange') {
      for (const p of request.paths) memory.paths.add(p);
      return;
    }
    if (request.kind === 'mcpToolCall') {
      if (request.mcp) memory.mcpTools.add(mcpKey(request.mcp));
      return;
    }
    if (request.command === null) return;
    if (decision === 'approveAlways' && request.rulePrefix) memory.prefixes.push(request.rulePrefix);
    else memory.commands.add(commandKey(request.command, escalated));
  }

  private isRemembered(input: ApprovalRequestInput, escalated: boolean): boolean {
    const memory = this.memory.get(input.threadId);
    if (!memory) return false;
    if (input.kind === 'fileChange') return input.paths.length > 0 && input.paths.every((p) => memory.paths.has(p));
    if (input.kind === 'mcpToolCall') return input.mcp !== undefined && memory.mcpTools.has(mcpKey(input.mcp));
    if (input.command === null) return false;
    if (memory.commands.has(commandKey(input.command, escalated))) return true;
    const argv = plainArgv(input.command);
    return argv !== null && memory.prefixes.some((prefix) => prefix.length <= argv.length && prefix.every((word, i) => argv[i] === word));
  }
}

/**
 * What "always allow" would save for a command: its whole argv, as Codex proposes. Exact and
 * predictable — `rm -rf build` never becomes "allow rm". Null for anything but one plain command.
 */
export function suggestRulePrefix(command: readonly string[] | string): string[] | null {
  return plainArgv(command);
}

function plainArgv(command: readonly string[] | string): string[] | null {
  const analysis = analyzeCommand(command);
  if (!analysis.plain || analysis.commands.length !== 1) return null;
  const [only] = analysis.commands;
  if (!only || only.redirects.length > 0 || only.assignments.length > 0 || only.words.some((w) => w.glob || w.expansion)) return null;
  return only.words.map((w) => w.text);
}

function mcpKey(call: { server: string; tool: string }): string {
  return `${call.server}\u0000${call.tool}`;
}

function commandKey(command: string, escalated: boolean): string {
  return `${escalated ? 'host' : 'sandbox'}\u0000${command}`;
}

function cancelledAnswer(): ApprovalAnswer {
  return { decision: 'deny', message: 'The turn was interrupted before the request was answered.', remembered: false, cancelled: true, warning: null };
}
