/**
 * `tandem exec "PROMPT"`: runs one agent turn headless, from the prompt to the final answer, and exits
 * 0 when the turn completed (1 when it failed, 130 when interrupted with Ctrl-C). Progress goes to
 * stderr and the final answer to stdout, so `tandem exec "…" > answer.md` keeps just the answer; with
 * --json every event is one JSON line on stdout instead. The thread is stored like any other, so the
 * app shows it afterwards. Nobody can approve anything here: the approval policy defaults to `never`,
 * and with another policy every approval request is denied with a reason the model reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApprovalPolicy, SandboxMode, WireApi, type AgentItem, type EventName, type Turn } from '../../../shared/contract';
import type { CommandIO } from '../cli-io';
import { defaultDataDir } from '../data-dir';
import { ProviderService } from '../provider/provider-service';
import { FileKeychain } from '../secrets/file-keychain';
import { WorkspacesService } from '../services/workspaces-service';
import { Store, StoreError } from '../store';
import { EventBus } from '../transport/event-bus';
import { createAgent } from './create-agent';

export const EXEC_HELP = `Usage: tandem exec "PROMPT" [options]

Runs one agent turn without a window and prints what it does. PROMPT "-" reads
the prompt from stdin. Exit status: 0 when the turn completed, 1 when it failed,
2 for bad arguments, 130 when interrupted (Ctrl-C).

Options:
  --cd DIR            folder to work in (default: the current folder)
  --sandbox MODE      read-only | workspace-write (default) | danger-full-access
  --approval POLICY   never (default) | untrusted | on-request
                      Nobody can approve in exec: with "never" the model is told
                      so; with the others every approval request is denied.
  --model M           model to use (default: the configured one)
  --wire-api API      responses | chat (default: responses for OpenAI,
                      chat for other servers, unless set in Settings)
  --json              print every event as a JSON line (JSONL) on stdout
  --data-dir DIR      where threads live (default: $TANDEM_DATA_DIR, else the
                      desktop app's data folder)
  -h, --help          show this help

Environment: OPENAI_API_KEY, OPENAI_BASE_URL (used when Settings has no key or URL;
a key saved in the desktop app's OS keychain is not readable here).`;

/** Events printed with --json, in the order they happen. Deltas are left out: completed items carry the whole. */
const JSON_EVENTS: ReadonlySet<EventName> = new Set<EventName>([
  'turn.started',
  'turn.retrying',
  'turn.usage',
  'item.started',
  'item.completed',
  'approval.requested',
  'approval.resolved',
  'turn.completed',
]);

const OUTPUT_TAIL_LINES = 12;

export async function runExecCommand(args: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        cd: { type: 'string' },
        sandbox: { type: 'string' },
        approval: { type: 'string' },
        model: { type: 'string' },
        'wire-api': { type: 'string' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${EXEC_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) return usage(io, positionals.length === 0 ? 'give the prompt as one argument (quote it)' : 'give the prompt as one quoted argument');

  const sandbox = SandboxMode.safeParse(values.sandbox ?? 'workspace-write');
  if (!sandbox.success) return usage(io, `--sandbox must be one of ${SandboxMode.options.join(', ')} (got "${values.sandbox}")`);
  const approval = ApprovalPolicy.safeParse(values.approval ?? 'never');
  if (!approval.success) return usage(io, `--approval must be one of ${ApprovalPolicy.options.join(', ')} (got "${values.approval}")`);
  const wireApi = values['wire-api'] === undefined ? null : WireApi.safeParse(values['wire-api']);
  if (wireApi && !wireApi.success) return usage(io, `--wire-api must be responses or chat (got "${values['wire-api']}")`);
  const model = values.model?.trim();
  if (values.model !== undefined && !model) return usage(io, '--model needs a model name');

  const prompt = positionals[0] === '-' ? (await readAll(io.stdin)).trim() : positionals[0]!.trim();
  if (!prompt) return usage(io, 'the prompt is empty');

  const cwd = path.resolve(io.cwd, values.cd ?? '.');
  let realCwd: string;
  try {
    realCwd = fs.realpathSync(cwd);
    if (!fs.statSync(realCwd).isDirectory()) throw new Error('not a folder');
  } catch {
    io.stderr.write(`tandem exec: --cd ${cwd} does not exist or is not a folder\n`);
    return 2;
  }
  const dataDir = values['data-dir'] ? path.resolve(io.cwd, values['data-dir']) : defaultDataDir(io.env);

  let store: Store;
  try {
    store = Store.open(dataDir);
  } catch (error) {
    io.stderr.write(`tandem exec: ${error instanceof StoreError ? error.message : (error as Error).message}\n`);
    return 1;
  }
  const events = new EventBus();
  const providerService = new ProviderService({ store, events, keychain: new FileKeychain(dataDir), env: io.env });
  const provider = { resolve: () => providerService.resolve(wireApi ? { wireApi: wireApi.data } : {}) };
  const agent = createAgent({ store, events, provider, dataDir, env: io.env, interactive: false });
  const printer = values.json ? jsonPrinter(io) : humanPrinter(io);
  const unsubscribe = events.subscribe(printer);

  let turn: Turn;
  let threadId = '';
  const onSigint = () => agent.service.interrupt(threadId);
  try {
    const workspace = new WorkspacesService(store, events).add(realCwd);
    const thread = store.threads.create({ workspaceId: workspace.id, title: 'New thread' });
    threadId = thread.id;
    if (values.json) io.stdout.write(`${JSON.stringify({ type: 'thread.started', threadId, dataDir })}\n`);
    process.on('SIGINT', onSigint);
    const started = agent.service.startTurn({
      threadId,
      text: prompt,
      cwd: realCwd,
      sandbox: sandbox.data,
      approvalPolicy: approval.data,
      ...(model ? { model } : {}),
    });
    turn = await started.done;
  } catch (error) {
    io.stderr.write(`tandem exec: ${(error as Error).message}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
    await agent.dispose();
    store.close();
  }
  if (!values.json) {
    const tokens = turn.usage.totalTokens ? `, ${turn.usage.totalTokens.toLocaleString('en-US')} tokens` : '';
    io.stderr.write(`\n${turn.status === 'completed' ? 'done' : turn.status}: thread ${threadId}${tokens}\n`);
  }
  return turn.status === 'completed' ? 0 : turn.status === 'interrupted' ? 130 : 1;
}

function usage(io: CommandIO, message: string): number {
  io.stderr.write(`tandem exec: ${message}\n\n${EXEC_HELP}\n`);
  return 2;
}

function jsonPrinter(io: CommandIO) {
  return (event: EventName, payload: unknown) => {
    if (!JSON_EVENTS.has(event)) return;
    io.stdout.write(`${JSON.stringify({ type: event, ...(payload as object) })}\n`);
  };
}

/** Progress on stderr as items complete; the last agent message of the turn on stdout. */
function humanPrinter(io: CommandIO) {
  let lastAnswer: string | null = null;
  return (event: EventName, payload: unknown) => {
    if (event === 'turn.retrying') {
      const p = payload as { attempt: number; maxRetries: number; delayMs: number; reason: string };
      io.stderr.write(`retrying ${p.attempt}/${p.maxRetries} in ${(p.delayMs / 1000).toFixed(1)} s: ${p.reason}\n`);
    } else if (event === 'item.completed') {
      const { item } = payload as { item: AgentItem };
      if (item.type === 'agentMessage') {
        if (lastAnswer !== null) io.stderr.write(`${lastAnswer}\n\n`);
        lastAnswer = item.text;
      } else {
        const text = describeItem(item);
        if (text) io.stderr.write(`${text}\n`);
      }
    } else if (event === 'turn.completed') {
      if (lastAnswer !== null) io.stdout.write(`${lastAnswer.trimEnd()}\n`);
      lastAnswer = null;
    }
  };
}

export function describeItem(item: AgentItem): string | null {
  switch (item.type) {
    case 'userMessage':
      return item.steer ? `> ${item.text}` : null;
    case 'agentMessage':
      return item.text;
    case 'reasoning': {
      const summary = item.summary.filter(Boolean).join(' ').trim();
      return summary ? `thinking: ${summary}` : null;
    }
    case 'commandExecution': {
      const how =
        item.status === 'declined'
          ? `not run: ${item.reason ?? 'declined'}`
          : item.status === 'interrupted'
            ? 'interrupted'
            : item.timedOut
              ? `timed out after ${((item.durationMs ?? 0) / 1000).toFixed(1)} s`
              : item.reason && item.exitCode === null
                ? `failed: ${item.reason}`
                : `exit ${item.exitCode ?? '?'}, ${((item.durationMs ?? 0) / 1000).toFixed(1)} s`;
      const where = item.sandbox === 'danger-full-access' ? ' [no sandbox]' : '';
      const tail = item.output.trimEnd().split('\n').slice(-OUTPUT_TAIL_LINES).filter((l) => l !== '');
      return [`$ ${item.command}  (${how})${where}`, ...tail.map((l) => `  ${l}`)].join('\n');
    }
    case 'fileChange': {
      const files = item.changes.map((c) => `  ${c.kind === 'add' ? 'A' : c.kind === 'delete' ? 'D' : 'M'} ${path.relative(item.cwd, c.newPath ?? c.path) || c.path} (+${c.additions} -${c.deletions})`);
      const head = item.status === 'completed' ? 'patch applied' : `patch ${item.status}${item.reason ? `: ${item.reason}` : ''}`;
      return [head, ...files].join('\n');
    }
    case 'plan':
      return ['plan:', ...item.steps.map((s) => `  [${s.status === 'completed' ? 'x' : s.status === 'inProgress' ? '>' : ' '}] ${s.step}`)].join('\n');
    case 'imageView':
      return item.status === 'completed' ? `viewed image ${item.path}` : `could not view ${item.path}: ${item.reason ?? ''}`;
    case 'mcpToolCall':
      return `mcp ${item.server}/${item.tool}: ${item.status}${item.reason ? ` (${item.reason})` : item.result?.isError ? ' (the tool reported an error)' : ''}`;
    case 'mcpServerFailure':
      return item.message;
    case 'contextSnapshot':
      return item.paused ? 'context: paused by the user' : `context: ${item.chips.map((c) => c.label).join(', ') || (item.reason ?? 'nothing')}`;
    case 'settingsChange': {
      const changed = [item.sandbox && `sandbox ${item.sandbox}`, item.approvalPolicy && `approvals ${item.approvalPolicy}`, item.model && `model ${item.model}`];
      return `settings changed: ${changed.filter(Boolean).join(', ')}`;
    }
    case 'error':
      return `error: ${item.message}`;
    case 'contextCompaction':
      return `conversation compacted: ${item.tokensBefore.toLocaleString('en-US')} → ${item.tokensAfter.toLocaleString('en-US')} tokens`;
  }
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer | string) => chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}
