// A Tandem process whose turn is paused when it dies: run as a child by the recovery test, which kills it
// with SIGKILL. It runs the agent as the product wires it, on the data folder and repository it is
// given, starts a turn that runs one command, pauses it there, prints one JSON line and waits forever.
import { createAgent } from '../../../../electron/core/agent/create-agent';
import type { Keychain } from '../../../../electron/core/platform';
import { ProviderService } from '../../../../electron/core/provider/provider-service';
import { WorkspacesService } from '../../../../electron/core/services/workspaces-service';
import { Store } from '../../../../electron/core/store';
import { EventBus } from '../../../../electron/core/transport/event-bus';

const [dataDir, repo, model] = process.argv.slice(2);
if (!dataDir || !repo || !model) throw new Error('usage: paused-turn-child DATA_DIR REPO MODEL');

const secrets = new Map<string, string>();
const keychain: Keychain = { kind: 'file', get: (n) => secrets.get(n) ?? null, set: (n, v) => void secrets.set(n, v), delete: (n) => void secrets.delete(n) };
const store = Store.open(dataDir);
const events = new EventBus();
const provider = new ProviderService({ store, events, keychain, env: process.env });
provider.update({ model, wireApi: 'responses' });
const agent = createAgent({ store, events, provider, dataDir, env: process.env, interactive: true, terminals: null });
const workspace = new WorkspacesService(store, events).add(repo);
const threadId = store.threads.create({ workspaceId: workspace.id, title: 'Paused' }).id;

events.subscribe((event, payload) => {
  const p = payload as { item?: { type: string }; pause?: string; turnId?: string };
  if (event === 'item.started' && p.item?.type === 'commandExecution') agent.service.pause(threadId);
  if (event === 'turn.pauseChanged' && p.pause === 'paused') process.stdout.write(`${JSON.stringify({ threadId, turnId: p.turnId })}\n`);
});
agent.service.startTurn({ threadId, text: 'Check, then pause' });
setInterval(() => {}, 60_000);
