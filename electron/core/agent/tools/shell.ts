/**
 * `shell`: runs one bash command line for the model, inside the sandbox its approval verdict allows, in a
 * visible agent terminal when the app has terminals (non-interactively otherwise), with a timeout and an
 * output cap. The exit code and the capped output go back to the model; the commandExecution item shows
 * the command, its output as it streams, the exit code and the duration.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { CommandExecutionItem } from '../../../../shared/contract';
import { newItemId } from '../items';
import { planCheckVerdict } from '../plans/check-verdict';
import { defineTool, type ToolContext } from './registry';
import { askWhileWaiting, denialReason } from './permissions';

export const DEFAULT_TIMEOUT_MS = 120_000;
export const MAX_TIMEOUT_MS = 60 * 60 * 1000;
/** Longest label on an agent terminal's tab. */
const LABEL_CHARS = 60;

export const shellTool = defineTool({
  name: 'shell',
  description:
    'Run a command line in bash (non-interactive) and get its exit code and output. Commands run in the sandbox ' +
    'described in the environment block. Long output keeps its head and tail. Prefer rg for searching.',
  args: z.object({
    command: z.string().trim().min(1, 'command is empty').max(100_000).describe('The command line, as you would type it in bash.'),
    workdir: z.string().trim().min(1).max(4096).optional().describe('Directory to run in, absolute or relative to the working directory. Use this instead of cd.'),
    timeout_ms: z
      .number()
      .int()
      .min(1_000)
      .max(MAX_TIMEOUT_MS)
      .optional()
      .describe(`Kill the command after this many milliseconds (default ${DEFAULT_TIMEOUT_MS}).`),
    with_escalated_permissions: z
      .boolean()
      .optional()
      .describe('Ask the user to run this command outside the sandbox (e.g. it needs the network or to write outside the workspace). Requires justification.'),
    justification: z.string().trim().max(500).optional().describe('With with_escalated_permissions: one sentence telling the user why.'),
  }),
  run: (args, ctx) =>
    runCommandForModel(ctx, {
      command: args.command,
      workdir: args.workdir,
      timeoutMs: args.timeout_ms ?? DEFAULT_TIMEOUT_MS,
      escalate: args.with_escalated_permissions === true,
      justification: args.justification?.trim() || null,
    }),
});

/** One command the agent runs: for `shell`, or as a plan step's check (`complete_step`). */
export interface CommandForModel {
  command: string;
  workdir?: string;
  timeoutMs: number;
  escalate: boolean;
  justification: string | null;
  /** The plan step this command checks; the model reads the verdict with the output. */
  planCheck?: CommandExecutionItem['planCheck'];
}

/**
 * Decides (approval policy, rules, sandbox), asks when it must, runs the command and records its
 * commandExecution item under the model's call. Never throws for anything the model did.
 */
export async function runCommandForModel(ctx: ToolContext, request: CommandForModel): Promise<CommandExecutionItem> {
  const cwd = path.resolve(ctx.cwd, request.workdir ?? '.');
  const escalate = request.escalate;
  const item: CommandExecutionItem = {
    type: 'commandExecution',
    id: newItemId(),
    call: ctx.call,
    step: ctx.step,
    command: request.command,
    cwd,
    status: 'inProgress',
    exitCode: null,
    output: '',
    durationMs: null,
    timedOut: false,
    sandbox: ctx.sandbox,
    terminalId: null,
    reason: null,
    ...(request.planCheck ? { planCheck: request.planCheck } : {}),
  };

  if (!(await isDirectory(cwd))) {
    ctx.items.start(item);
    return finish(ctx, item, { status: 'failed', reason: `The working directory ${cwd} does not exist or is not a directory.` });
  }

  const verdict = await ctx.permissions.checkCommand({
    threadId: ctx.threadId,
    command: request.command,
    cwd,
    sandbox: ctx.sandbox,
    approvalPolicy: ctx.approvalPolicy,
    escalate,
    justification: request.justification,
  });
  if (verdict.kind !== 'forbid') item.sandbox = verdict.sandbox;
  ctx.items.start(item);

  if (verdict.kind === 'forbid') return finish(ctx, item, { status: 'declined', reason: verdict.reason });

  if (verdict.kind === 'ask') {
    const answer = await askWhileWaiting(ctx, {
      threadId: ctx.threadId,
      turnId: ctx.turnId,
      itemId: item.id,
      kind: 'command',
      reason: verdict.reason,
      justification: request.justification,
      command: request.command,
      cwd,
      paths: [],
      rulePrefix: verdict.rulePrefix,
      escalated: verdict.sandbox === 'danger-full-access' && ctx.sandbox !== 'danger-full-access',
    });
    if (answer.decision === 'cancelled') return finish(ctx, item, { status: 'interrupted', reason: 'The turn was stopped before the command was approved.' });
    if (answer.decision === 'deny') return finish(ctx, item, { status: 'declined', reason: denialReason(answer, 'this command', 'declined to run this command') });
  }

  const result = await ctx.commands.run({
    command: request.command,
    cwd,
    sandbox: item.sandbox,
    timeoutMs: request.timeoutMs,
    signal: ctx.signal,
    label: terminalLabel(request.command),
    onOutput: (text) => ctx.items.delta(item.id, { kind: 'output', text }),
    onTerminal: (terminalId) => {
      item.terminalId = terminalId;
    },
  });
  item.terminalId = result.terminalId;
  item.output = result.output;
  item.durationMs = result.durationMs;
  item.exitCode = result.exitCode;
  item.timedOut = result.timedOut;
  if (result.startError) return finish(ctx, item, { status: 'failed', reason: result.startError });
  if (ctx.signal.aborted) return finish(ctx, item, { status: 'interrupted', reason: 'The user stopped the turn while the command was running.' });
  return finish(ctx, item, { status: result.exitCode === 0 && !result.timedOut ? 'completed' : 'failed', reason: null });
}

function finish(ctx: ToolContext, item: CommandExecutionItem, outcome: { status: CommandExecutionItem['status']; reason: string | null }): CommandExecutionItem {
  item.status = outcome.status;
  item.reason = outcome.reason;
  ctx.items.complete(item);
  return item;
}

/** What the model reads back for a command (and, for a plan step's check, the verdict on the step). */
export function commandOutput(item: CommandExecutionItem): string {
  const result = commandResultText(item);
  return item.planCheck ? `${result}\n\n${planCheckVerdict(item)}` : result;
}

function commandResultText(item: CommandExecutionItem): string {
  switch (item.status) {
    case 'declined':
      return `The command was not run. ${item.reason ?? ''}`.trim();
    case 'interrupted':
      return [`The command was interrupted by the user.`, ...(item.output ? ['Output so far:', item.output] : [])].join('\n');
    case 'inProgress':
      return 'The command did not finish.';
    default:
      break;
  }
  if (item.reason && item.exitCode === null && !item.timedOut) return `The command could not be run: ${item.reason}`;
  const seconds = ((item.durationMs ?? 0) / 1000).toFixed(1);
  const head = item.timedOut
    ? [`The command timed out after ${seconds} s and was killed.`]
    : [`Exit code: ${item.exitCode ?? 'none (killed by a signal)'}`, `Wall time: ${seconds} s`];
  return [...head, 'Output:', item.output].join('\n');
}

function terminalLabel(command: string): string {
  const oneLine = command.replace(/\s+/g, ' ').trim();
  return oneLine.length > LABEL_CHARS ? `${oneLine.slice(0, LABEL_CHARS - 1)}…` : oneLine;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}
