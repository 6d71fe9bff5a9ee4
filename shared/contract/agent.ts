/**
 * The agent's part of the contract, shaped after the thread / turn / item model of Codex's app-server
 * protocol: a thread holds turns, a turn holds items, and every item streams as
 * `item.started` → `item.delta`* → `item.completed`. Only completed items are stored (the thread's
 * append-only item log); deltas are for the live view. Approvals are requests from the core to the UI
 * (`approval.requested`) answered with `approval.respond`.
 */
import { z } from 'zod';
import { event, method } from './define';

/** How far commands may reach: nothing written, the workspace (and a temp dir) written, or everything. */
export const SandboxMode = z.enum(['read-only', 'workspace-write', 'danger-full-access']);
export type SandboxMode = z.infer<typeof SandboxMode>;

/**
 * When the user is asked: `untrusted` — everything but known-safe read-only commands; `on-request` —
 * when the model asks to leave the sandbox (the default); `never` — nobody is asked, and what would need
 * asking is refused.
 */
export const ApprovalPolicy = z.enum(['untrusted', 'on-request', 'never']);
export type ApprovalPolicy = z.infer<typeof ApprovalPolicy>;

// ---------------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------------

/** What happened to a tool-backed item (a command, a patch, an image view). */
export type ToolItemStatus = 'inProgress' | 'completed' | 'failed' | 'declined' | 'interrupted';

/**
 * The function call the model made, kept on tool-backed items so the conversation can be rebuilt for the
 * next request exactly as the model produced it.
 */
export interface ModelToolCall {
  callId: string;
  name: string;
  /** The arguments as the model sent them (a JSON string). */
  arguments: string;
}

export interface UserMessageItem {
  type: 'userMessage';
  id: string;
  text: string;
  /** Absolute paths of local images attached to the message. */
  images: string[];
  /**
   * Set when the message was typed while the turn ran (steering): it reaches the model with the next
   * call after model call `afterStep` (1-based within the turn; 0 = before the first call).
   */
  steer: { afterStep: number } | null;
}

export interface AgentMessageItem {
  type: 'agentMessage';
  id: string;
  text: string;
  /** The model call (1-based, within the turn) that produced it. */
  step: number;
}

export interface ReasoningItem {
  type: 'reasoning';
  id: string;
  /** Reasoning summary sections, in order. */
  summary: string[];
  /**
   * Opaque reasoning state the Responses API hands back (with the id it gave the item), returned to it
   * on later calls so a reasoning model keeps its train of thought across tool calls. Null elsewhere.
   */
  replay: { id: string; encryptedContent: string } | null;
  step: number;
}

export interface CommandExecutionItem {
  type: 'commandExecution';
  id: string;
  call: ModelToolCall;
  step: number;
  command: string;
  cwd: string;
  status: ToolItemStatus;
  exitCode: number | null;
  /** stdout and stderr as they interleaved, capped: head and tail kept, the middle elided and counted. */
  output: string;
  durationMs: number | null;
  timedOut: boolean;
  /** The sandbox the command ran in; `danger-full-access` when it ran outside (approved escalation). */
  sandbox: SandboxMode;
  /** The visible agent terminal it ran in, when the terminals service ran it. */
  terminalId: string | null;
  /** Why it was declined or failed to start (a denial message, a forbidden rule, a sandbox error). */
  reason: string | null;
}

export interface FileChangeEntry {
  kind: 'add' | 'delete' | 'update' | 'move';
  /** Absolute path (the source of a move). */
  path: string;
  /** Absolute destination of a move. */
  newPath: string | null;
  /** Unified diff of this file. */
  diff: string;
  additions: number;
  deletions: number;
}

export interface FileChangeItem {
  type: 'fileChange';
  id: string;
  call: ModelToolCall;
  step: number;
  cwd: string;
  status: ToolItemStatus;
  /** Files changed; with `failed`, the hunks applied before the failing one. */
  changes: FileChangeEntry[];
  /** The patch error, or the denial message. */
  reason: string | null;
}

export type PlanStepStatus = 'pending' | 'inProgress' | 'completed';

export interface PlanStep {
  step: string;
  status: PlanStepStatus;
}

export interface PlanItem {
  type: 'plan';
  id: string;
  call: ModelToolCall;
  step: number;
  explanation: string | null;
  steps: PlanStep[];
}

/** The model looked at a local image (view_image). */
export interface ImageViewItem {
  type: 'imageView';
  id: string;
  call: ModelToolCall;
  step: number;
  path: string;
  status: ToolItemStatus;
  reason: string | null;
}

/** Why a turn could not go on, in words a user can act on. */
export type AgentErrorKind =
  | 'auth' // 401: the key was refused
  | 'forbidden' // 403
  | 'badRequest' // 400 (and other 4xx the server will not accept on retry)
  | 'notFound' // 404: wrong base URL or model
  | 'contextLength' // the conversation no longer fits the model's context window
  | 'rateLimited' // 429 after every retry
  | 'server' // 5xx after every retry
  | 'network' // unreachable, reset, timed out — after every retry
  | 'streamCut' // the stream stopped in the middle of an item
  | 'malformedStream' // the server sent something that is not a valid event
  | 'truncated' // the reply hit the output token limit
  | 'modelFailed' // the model reported a failure mid-response
  | 'noProvider' // no key / nothing configured
  | 'invalidToolCall' // the model called a tool that does not exist, or with arguments that do not fit
  | 'processEnded' // Tandem stopped (a crash, kill -9) while the turn ran
  | 'internal'; // a bug in Tandem

export interface ErrorItem {
  type: 'error';
  id: string;
  kind: AgentErrorKind;
  message: string;
  httpStatus: number | null;
  /** For `invalidToolCall`: the call, answered to the model with `message`. */
  call: ModelToolCall | null;
  step: number | null;
}

export type AgentItem =
  | UserMessageItem
  | AgentMessageItem
  | ReasoningItem
  | CommandExecutionItem
  | FileChangeItem
  | PlanItem
  | ImageViewItem
  | ErrorItem;

export type AgentItemType = AgentItem['type'];

/** A piece of an item still being produced. Never stored; the completed item carries the whole. */
export type ItemDelta =
  | { kind: 'text'; text: string } // agentMessage
  | { kind: 'reasoningSummary'; index: number; text: string } // reasoning
  | { kind: 'output'; text: string }; // commandExecution (terminal output, as it arrives)

// ---------------------------------------------------------------------------------------------------
// Turns
// ---------------------------------------------------------------------------------------------------

export type TurnStatus = 'inProgress' | 'completed' | 'interrupted' | 'failed';

export interface TokenUsage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningOutputTokens: number;
  totalTokens: number;
}

export const EMPTY_USAGE: TokenUsage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0, totalTokens: 0 };

export interface TurnError {
  kind: AgentErrorKind;
  message: string;
}

export interface Turn {
  id: string;
  threadId: string;
  status: TurnStatus;
  model: string;
  cwd: string;
  sandbox: SandboxMode;
  approvalPolicy: ApprovalPolicy;
  startedAt: number;
  completedAt: number | null;
  error: TurnError | null;
  /** Summed over every model call of the turn. */
  usage: TokenUsage;
  /** Model calls made so far. */
  modelCalls: number;
}

// ---------------------------------------------------------------------------------------------------
// Approvals
// ---------------------------------------------------------------------------------------------------

export interface ApprovalRequest {
  requestId: string;
  threadId: string;
  turnId: string;
  /** The commandExecution or fileChange item waiting on the answer. */
  itemId: string;
  kind: 'command' | 'fileChange';
  /** Why Tandem asks (e.g. "the command asks to run outside the sandbox"). */
  reason: string;
  /** The model's one-line justification, when it gave one. */
  justification: string | null;
  /** The command, for a command approval. */
  command: string | null;
  cwd: string;
  /** Paths outside the writable roots, for a patch approval. */
  paths: string[];
  /** What "always allow" would save as a rule (a command prefix); null when it is not offered. */
  rulePrefix: string[] | null;
  requestedAt: number;
}

export const ApprovalDecision = z.enum(['approve', 'approveForThread', 'approveAlways', 'deny']);
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

/** What the UI needs to draw a thread that is running right now (after a reload or a reconnect). */
export interface ActiveTurnState {
  turn: Turn;
  /** Items started but not completed, as far as they have got. */
  inProgress: AgentItem[];
  pendingApprovals: ApprovalRequest[];
  /** Steering messages typed but not yet delivered to the model. */
  queuedSteers: number;
}

const Id = z.string().min(1).max(64);
const MessageText = z.string().trim().min(1, 'Type a message').max(200_000, 'The message is too long (200,000 characters at most)');
const ImagePath = z.string().min(1).max(4096);

/**
 * A context chip the user kept (quick ask): its text exactly as the context engine produced it and the
 * user saw it — already redacted. The core writes it into the user message with the context engine's
 * prompt helper and lists it in the ledger entry of every request of the turn.
 */
export const TurnContextChip = z
  .object({
    id: z.string().min(1).max(200),
    kind: z.enum(['activeWindow', 'selection', 'clipboard', 'terminal', 'git', 'screenshot']),
    label: z.string().max(500),
    text: z.string().max(100_000, 'A context chip is too long (100,000 characters at most)'),
    truncated: z.boolean(),
    source: z.string().max(200),
    redactions: z.number().int().min(0).optional(),
  })
  .strict();
export type TurnContextChip = z.infer<typeof TurnContextChip>;

export const TurnStartInput = z
  .object({
    threadId: Id,
    text: MessageText,
    /** Context attached to this message (the chips the user kept); removed chips are simply not here. */
    context: z.object({ chips: z.array(TurnContextChip).max(32) }).strict().optional(),
    /** Absolute paths of local images to attach. */
    images: z.array(ImagePath).max(16).optional(),
    /** Overrides; each becomes the thread's default for later turns. */
    cwd: z.string().min(1).max(4096).optional(),
    sandbox: SandboxMode.optional(),
    approvalPolicy: ApprovalPolicy.optional(),
    model: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type TurnStartInput = z.infer<typeof TurnStartInput>;

export const agentMethods = {
  /** Records the user's message and starts a turn; resolves as soon as the turn is running. */
  'turn.start': method<Turn>()(TurnStartInput),
  /** Stops the running turn; it ends with status `interrupted`. */
  'turn.interrupt': method<{ interrupted: boolean }>()(z.object({ threadId: Id }).strict()),
  /** Adds a message to the running turn, delivered at its next model call. */
  'turn.steer': method<{ turnId: string }>()(z.object({ threadId: Id, text: MessageText }).strict()),
  /** The running turn of a thread (null when none runs). */
  'turn.active': method<{ active: ActiveTurnState | null }>()(z.object({ threadId: Id }).strict()),
  'approval.respond': method<{ resolved: boolean }>()(
    z
      .object({
        requestId: Id,
        decision: ApprovalDecision,
        /** With `deny`: a message passed to the model. */
        message: z.string().trim().max(2_000).optional(),
      })
      .strict(),
  ),
};

export const agentEvents = {
  'turn.started': event<{ threadId: string; turn: Turn }>(),
  'turn.completed': event<{ threadId: string; turn: Turn }>(),
  /** A model call failed in a way worth retrying; shown as "retrying 2/5". */
  'turn.retrying': event<{ threadId: string; turnId: string; attempt: number; maxRetries: number; delayMs: number; reason: string }>(),
  /** Token usage after each model call (the turn's running totals). */
  'turn.usage': event<{ threadId: string; turnId: string; usage: TokenUsage }>(),
  'item.started': event<{ threadId: string; turnId: string; item: AgentItem }>(),
  'item.delta': event<{ threadId: string; turnId: string; itemId: string; delta: ItemDelta }>(),
  /** The item is final and stored; `seq` is its place in the thread's item log. */
  'item.completed': event<{ threadId: string; turnId: string; item: AgentItem; seq: number }>(),
  'approval.requested': event<ApprovalRequest>(),
  'approval.resolved': event<{ threadId: string; requestId: string; decision: ApprovalDecision | 'cancelled' }>(),
};
