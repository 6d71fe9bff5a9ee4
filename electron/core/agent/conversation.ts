/**
 * Rebuilds what the model sees from the thread's item log. Items of one model call (same turn, same step)
 * become one assistant entry — its reasoning, its text and its tool calls — followed by the tool results
 * (with any image the model asked to view). Because the log holds only completed items, a thread reopened
 * after a crash yields a well-formed conversation: a call whose result was never stored is simply absent.
 */
import type { AgentItem, ModelToolCall, UserMessageItem } from '../../../shared/contract';
import type { LoggedItem } from './items';
import { compactedHistory, sinceLastCompaction } from './compaction/history';
import type { ConversationEntry, ImageInput } from './model/types';
import { mcpToolOutput } from './mcp/mcp-tool';
import { fileChangeOutput } from './tools/apply-patch-tool';
import { commandOutput } from './tools/shell';
import { PLAN_UPDATED } from './tools/update-plan';
import { ImageReadError, readImageDataUrl } from './tools/view-image';

/** Reads an image for the model; a failure becomes a note in place of the picture. */
export type ImageLoader = (path: string) => Promise<ImageInput>;

export const loadImageFromDisk: ImageLoader = async (file) => ({ dataUrl: await readImageDataUrl(file) });

interface StepGroup {
  texts: string[];
  reasoning: { id: string; summary: string[]; encryptedContent: string }[];
  calls: ModelToolCall[];
  results: { callId: string; output: string; images: string[] }[];
}

export async function buildConversation(log: readonly LoggedItem[], loadImage: ImageLoader = loadImageFromDisk): Promise<ConversationEntry[]> {
  // A compaction stands for everything before it: its kept user messages and summary come first (compaction/).
  const { previous, items: sinceCompaction } = sinceLastCompaction(log);
  const entries: ConversationEntry[] = previous ? compactedHistory(previous) : [];
  let group: (StepGroup & { turnId: string | null; step: number }) | null = null;
  /** Steering messages not placed yet: each goes right after the model call it was typed during. */
  let steers: { turnId: string | null; afterStep: number; item: UserMessageItem }[] = [];

  const emitSteers = async (due: (s: (typeof steers)[number]) => boolean) => {
    const ready = steers.filter(due);
    steers = steers.filter((s) => !due(s));
    for (const s of ready) entries.push(await userEntry(s.item.text, s.item.images, loadImage));
  };
  const flush = async () => {
    const g = group;
    group = null;
    if (!g) return;
    if (g.texts.length || g.reasoning.length || g.calls.length) {
      entries.push({ kind: 'assistant', text: g.texts.join('\n\n'), reasoning: g.reasoning, toolCalls: g.calls });
    }
    for (const result of g.results) entries.push(await toolResultEntry(result, loadImage));
    await emitSteers((s) => s.turnId === g.turnId && s.afterStep <= g.step);
  };

  for (const { turnId, item } of sinceCompaction) {
    if (item.type === 'userMessage') {
      if (item.steer) {
        steers.push({ turnId, afterStep: item.steer.afterStep, item });
        continue;
      }
      await flush();
      await emitSteers(() => true);
      entries.push(await userEntry(item.text, item.images, loadImage));
      continue;
    }
    const step = stepOf(item);
    if (step === null) continue; // an error that ended a turn: shown to the user, not sent to the model
    if (!group || group.turnId !== turnId || group.step !== step) {
      await flush();
      // Steers typed before this call was sent reach the model ahead of its output.
      await emitSteers((s) => s.turnId !== turnId || s.afterStep < step);
      group = { turnId, step, texts: [], reasoning: [], calls: [], results: [] };
    }
    addToGroup(group, item);
  }
  await flush();
  await emitSteers(() => true);
  return entries;
}

function stepOf(item: AgentItem): number | null {
  if (item.type === 'userMessage') return null;
  if (item.type === 'contextCompaction') return null;
  // A settings change is for the user; the model reads the new settings in its rebuilt instructions.
  if (item.type === 'settingsChange') return null;
  // An MCP server that failed to start is for the user; the model simply does not see its tools.
  if (item.type === 'mcpServerFailure') return null;
  if (item.type === 'error') return item.call ? item.step : null;
  return item.step;
}

function addToGroup(group: StepGroup, item: AgentItem): void {
  switch (item.type) {
    case 'agentMessage':
      if (item.text) group.texts.push(item.text);
      return;
    case 'reasoning':
      if (item.replay) group.reasoning.push({ id: item.replay.id, summary: item.summary.filter((s) => typeof s === 'string'), encryptedContent: item.replay.encryptedContent });
      return;
    case 'commandExecution':
      group.calls.push(item.call);
      group.results.push({ callId: item.call.callId, output: commandOutput(item), images: [] });
      return;
    case 'fileChange':
      group.calls.push(item.call);
      group.results.push({ callId: item.call.callId, output: fileChangeOutput(item), images: [] });
      return;
    case 'plan':
      group.calls.push(item.call);
      group.results.push({ callId: item.call.callId, output: PLAN_UPDATED, images: [] });
      return;
    case 'imageView':
      group.calls.push(item.call);
      if (item.status === 'completed') {
        group.results.push({ callId: item.call.callId, output: `Here is the image ${item.path}.`, images: [item.path] });
      } else {
        group.results.push({ callId: item.call.callId, output: `Could not view the image: ${item.reason ?? 'unknown error'}`, images: [] });
      }
      return;
    case 'mcpToolCall':
      group.calls.push(item.call);
      group.results.push({ callId: item.call.callId, output: mcpToolOutput(item), images: item.status === 'completed' || item.status === 'failed' ? (item.result?.images ?? []) : [] });
      return;
    case 'contextSnapshot':
      group.calls.push(item.call);
      group.results.push({ callId: item.call.callId, output: item.output, images: [] });
      return;
    case 'error':
      if (item.call) {
        group.calls.push(item.call);
        group.results.push({ callId: item.call.callId, output: item.message, images: [] });
      }
      return;
    case 'userMessage':
      return;
  }
}

async function toolResultEntry(result: { callId: string; output: string; images: string[] }, loadImage: ImageLoader): Promise<ConversationEntry> {
  const { images, notes } = await loadImages(result.images, loadImage);
  return { kind: 'toolResult', callId: result.callId, output: [result.output, ...notes].join('\n'), images };
}

async function loadImages(paths: readonly string[], loadImage: ImageLoader): Promise<{ images: ImageInput[]; notes: string[] }> {
  const images: ImageInput[] = [];
  const notes: string[] = [];
  for (const p of paths) {
    try {
      images.push(await loadImage(p));
    } catch (error) {
      const reason = error instanceof ImageReadError ? error.message : `${p} could not be read`;
      notes.push(`[Image not available: ${reason}]`);
    }
  }
  return { images, notes };
}

async function userEntry(text: string, paths: readonly string[], loadImage: ImageLoader): Promise<ConversationEntry> {
  const { images, notes } = await loadImages(paths, loadImage);
  return { kind: 'user', text: [text, ...notes].filter(Boolean).join('\n'), images };
}
