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
  /** Written by Tandem, not typed by the user: a plan run's reminder that steps are still open. */
  fromTandem?: boolean;
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
  /** Set when Tandem ran this command as the check of a plan step (the model called complete_step). */
  planCheck?: { stepId: string; position: number; title: string };
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

/** One chip the agent's get_context call sent to the model, exactly as sent (already redacted). */
export interface ContextSnapshotChip {
  kind: string;
  label: string;
  text: string;
  truncated: boolean;
  source: string;
  redactions?: number;
}

/**
 * The model asked for a fresh context snapshot (get_context). `output` is the exact text the model
 * reads back; `chips` are the pieces of it the ledger records and the user can expand.
 */
export interface ContextSnapshotItem {
  type: 'contextSnapshot';
  id: string;
  call: ModelToolCall;
  step: number;
  status: ToolItemStatus;
  /** The providers the model asked for; null: all that are switched on. */
  providers: string[] | null;
  chips: ContextSnapshotChip[];
  /** Tandem was paused by the user: nothing was collected. */
  paused: boolean;
  /** What was held back and why, for the user only (never sent to the model). */
  excluded: string[];
  output: string;
  reason: string | null;
}

/**
 * The conversation was compacted: a handoff summary replaces the items before it in what the model sees
 * (the log keeps them for the user). The next request carries the user's most recent messages, then the
 * summary, then whatever comes after this item.
 */
export interface ContextCompactionItem {
  type: 'contextCompaction';
  id: string;
  /** The handoff summary the model wrote: progress, decisions, constraints, preferences, next steps. */
  summary: string;
  /** The user's most recent messages, verbatim, oldest first (bounded in number and size). */
  keptUserMessages: string[];
  /** Items of the log the summary replaces (since the previous compaction). */
  replacedItems: number;
  /** The oldest of those left out of the summary request because it would not fit the window. */
  droppedItems: number;
  /** Estimated tokens of the next request, before and after compacting. */
  tokensBefore: number;
  tokensAfter: number;
  trigger: 'auto' | 'manual';
  durationMs: number;
}

/** What an MCP tool returned, as kept in the log (bounded) and read back to the model. */
export interface McpToolResult {
  /** The text the model reads: text blocks, resource links, structured content; capped. */
  text: string;
  /** Images the tool returned, saved under the data folder (sent to the model like view_image's). */
  images: string[];
  /** The server marked the result as an error. */
  isError: boolean;
}

/** The model called a tool of an MCP server. */
export interface McpToolCallItem {
  type: 'mcpToolCall';
  id: string;
  call: ModelToolCall;
  step: number;
  server: string;
  /** The tool's own name on the server. */
  tool: string;
  /** The arguments sent (a JSON string). */
  arguments: string;
  status: ToolItemStatus;
  result: McpToolResult | null;
  /** Why it failed or was declined (the server stopped, a timeout, the user's denial). */
  reason: string | null;
  durationMs: number | null;
}

/** An MCP server could not be started (or stopped) for this turn; its tools were left out. Not sent to the model. */
export interface McpServerFailureItem {
  type: 'mcpServerFailure';
  id: string;
  server: string;
  scope: 'user' | 'repo';
  message: string;
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

/**
 * The user changed how the running turn works (`turn.update`): only the fields that changed are set. It
 * applies from the turn's next tool call or model call (`afterStep` = the model call in progress then).
 * Shown in the conversation; not sent to the model, whose instructions are rebuilt with the new settings.
 */
export interface SettingsChangeItem {
  type: 'settingsChange';
  id: string;
  sandbox: SandboxMode | null;
  approvalPolicy: ApprovalPolicy | null;
  model: string | null;
  afterStep: number;
}

export type AgentItem =
  | UserMessageItem
  | SettingsChangeItem
  | AgentMessageItem
  | ReasoningItem
  | CommandExecutionItem
  | FileChangeItem
  | PlanItem
  | ImageViewItem
  | ContextSnapshotItem
  | McpToolCallItem
  | McpServerFailureItem
  | ErrorItem
  | ContextCompactionItem;

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
  kind: 'command' | 'fileChange' | 'mcpToolCall';
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
  /** The MCP tool call, for an `mcpToolCall` approval ("always" then allows the tool without asking). */
  mcp?: { server: string; tool: string; arguments: string };
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
  pause: TurnPauseState;
}

/**
 * Whether a running turn is paused: `pausing` — asked to, it stops at its next step boundary (after the
 * model call or tool in progress); `paused` — it waits there for `turn.resume`.
 */
export type TurnPauseState = 'running' | 'pausing' | 'paused';

/** A thread's run settings as the next turn would use them (stored per thread, else the defaults). */
export interface ThreadRunSettings {
  sandbox: SandboxMode;
  approvalPolicy: ApprovalPolicy;
  /** The model this thread asked for; null = the configured model. */
  model: string | null;
  /** The working folder of its last turn; null = the workspace folder. */
  cwd: string | null;
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

/** How big a model's context window is, and at what share of it the conversation is compacted. */
export interface ModelContextWindow {
  model: string;
  /** Tokens. */
  contextWindow: number;
  /** Compaction starts when the next request would pass this share of the window. */
  threshold: number;
  /** Where the window came from: the user's setting, Tandem's table of known models, or the default for unknown ones. */
  source: 'setting' | 'known' | 'default';
}

const ModelName = z.string().trim().min(1).max(200);

export const ModelContextWindowUpdate = z
  .object({
    model: ModelName,
    contextWindow: z.number().int().min(2_048, 'A context window has at least 2,048 tokens').max(10_000_000).nullable(),
    threshold: z.number().min(0.5, 'Compact at 50 % of the window or later').max(0.98, 'Compact at 98 % of the window at the latest').nullable(),
  })
  .strict();
export type ModelContextWindowUpdate = z.infer<typeof ModelContextWindowUpdate>;

export const TurnUpdateInput = z
  .object({
    threadId: Id,
    sandbox: SandboxMode.optional(),
    approvalPolicy: ApprovalPolicy.optional(),
    model: z.string().trim().min(1, 'Enter a model name').max(200).optional(),
  })
  .strict()
  .refine((u) => u.sandbox !== undefined || u.approvalPolicy !== undefined || u.model !== undefined, 'Give a sandbox, an approval policy or a model to change');
export type TurnUpdateInput = z.infer<typeof TurnUpdateInput>;

export const agentMethods = {
  /** Records the user's message and starts a turn; resolves as soon as the turn is running. */
  'turn.start': method<Turn>()(TurnStartInput),
  /** Stops the running turn; it ends with status `interrupted`. */
  'turn.interrupt': method<{ interrupted: boolean }>()(z.object({ threadId: Id }).strict()),
  /** Adds a message to the running turn, delivered at its next model call. */
  'turn.steer': method<{ turnId: string }>()(z.object({ threadId: Id, text: MessageText }).strict()),
  /**
   * Compacts the thread's conversation now (a handoff summary replaces its history); runs as a turn of
   * its own, so it shows as running and can be stopped. Refused (`conflict`) while a turn runs.
   */
  'thread.compact': method<Turn>()(z.object({ threadId: Id }).strict()),
  /** A model's context window and compaction threshold, as set or known. */
  'model.contextWindow.get': method<ModelContextWindow>()(z.object({ model: ModelName }).strict()),
  /** Sets a model's context window and threshold; null resets one to the known value. */
  'model.contextWindow.set': method<ModelContextWindow>()(ModelContextWindowUpdate),
  /**
   * Changes the sandbox, approval policy or model: kept as the thread's defaults, and applied to the
   * running turn (if any) from its next tool call or model call. `turnId` is null when no turn runs.
   */
  'turn.update': method<{ turnId: string | null }>()(TurnUpdateInput),
  /** Pauses the running turn at its next step boundary; nothing it produced is lost. */
  'turn.pause': method<{ pause: TurnPauseState }>()(z.object({ threadId: Id }).strict()),
  /** Lets a paused (or pausing) turn go on. */
  'turn.resume': method<{ pause: TurnPauseState }>()(z.object({ threadId: Id }).strict()),
  /** The thread's finished turns, oldest first (how each ended, its model, its summed token usage). */
  'turn.list': method<{ turns: Turn[] }>()(z.object({ threadId: Id }).strict()),
  /** The run settings the thread's next turn would use. */
  'agent.threadSettings.get': method<ThreadRunSettings>()(z.object({ threadId: Id }).strict()),
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
  /** The running turn's settings changed (`turn.update`): the turn as it now runs. */
  'turn.updated': event<{ threadId: string; turn: Turn }>(),
  /** The running turn was asked to pause, paused, or resumed. */
  'turn.pauseChanged': event<{ threadId: string; turnId: string; pause: TurnPauseState }>(),
  /** Token usage after each model call (the turn's running totals). */
  'turn.usage': event<{ threadId: string; turnId: string; usage: TokenUsage }>(),
  'item.started': event<{ threadId: string; turnId: string; item: AgentItem }>(),
  'item.delta': event<{ threadId: string; turnId: string; itemId: string; delta: ItemDelta }>(),
  /** The item is final and stored; `seq` is its place in the thread's item log. */
  'item.completed': event<{ threadId: string; turnId: string; item: AgentItem; seq: number }>(),
  'approval.requested': event<ApprovalRequest>(),
  'approval.resolved': event<{ threadId: string; requestId: string; decision: ApprovalDecision | 'cancelled' }>(),
};
