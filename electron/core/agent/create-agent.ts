/**
 * Assembles the agent for a process: the approval broker (answers come through `approval.respond`;
 * "always allow" is saved to the user's rules file), the sandbox probe (run once, on the first turn),
 * where commands run (a visible agent terminal when the process has terminals, a plain child process
 * otherwise), and the AgentService itself. `createCore` and `tandem exec` both build it here.
 */
import path from 'node:path';
import type { ProviderService } from '../provider/provider-service';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import { AGENT_TOOLS, AgentService, type AgentServiceOptions } from './agent-service';
import { ApprovalBroker, appendUserRule, userRulesPath } from './approvals';
import { runInBackground } from './execution/background-runner';
import { terminalPlanRunner, type AgentTerminalHost } from './execution/terminal-runner';
import { McpServers, type McpServersOptions } from './mcp/servers';
import { PlanService } from './plans/plan-service';
import { probeSandboxSupport, type SandboxCapabilities } from './sandbox';
import { createGetContextTool, type AgentContextSource } from './tools/get-context';
import type { ApprovalDesk } from './tools/permissions';
import { createTurnSandboxFactory } from './turn-sandbox';

export interface CreateAgentOptions {
  store: Store;
  events: EventBus;
  provider: Pick<ProviderService, 'resolve'>;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Visible agent terminals; without them commands run as plain child processes. */
  terminals?: AgentTerminalHost | null;
  /** False where no UI can answer approval requests (`tandem exec`): they are denied, with a reason. */
  interactive?: boolean;
  /** Where get_context takes its snapshots; without it the agent has no get_context tool. */
  context?: AgentContextSource | null;
  /** Told when each turn starts and ends (the review panel's turn snapshots). */
  turnObserver?: AgentServiceOptions['turnObserver'];
  /** Network inside the sandbox. */
  network?: boolean;
  /** MCP start and call timeouts (tests shorten them). */
  mcp?: Partial<Pick<McpServersOptions, 'startTimeoutMs' | 'callTimeoutMs'>>;
  /** Test hooks and defaults passed through to the AgentService. */
  service?: Partial<Pick<AgentServiceOptions, 'retry' | 'defaults' | 'homeDir' | 'loadImage' | 'modelClientFor'>>;
}

export interface Agent {
  readonly service: AgentService;
  /** The MCP servers whose tools turns are offered (their connections close with the agent). */
  readonly mcp: McpServers;
  /** Plan-first runs: each thread's saved plan, proposed and run through the service. */
  readonly plans: PlanService;
  dispose(): Promise<void>;
}

export function createAgent(options: CreateAgentOptions): Agent {
  const interactive = options.interactive ?? true;
  const broker = interactive
    ? new ApprovalBroker({ events: options.events, saveRule: (prefix) => appendUserRule(userRulesPath(options.dataDir), { prefix }) })
    : null;

  let probe: Promise<SandboxCapabilities> | null = null;
  const capabilities = () =>
    (probe ??= probeSandboxSupport({ stateDir: path.join(options.dataDir, 'sandbox'), dataDir: options.dataDir, env: options.env }));

  const sandboxFor = createTurnSandboxFactory({
    dataDir: options.dataDir,
    capabilities,
    runner: options.terminals ? terminalPlanRunner(options.terminals, options.events) : runInBackground,
    broker,
    network: options.network,
    env: options.env,
  });

  const approvals: ApprovalDesk = broker ?? { pending: () => [], respond: () => false };
  const mcp = new McpServers({
    store: options.store,
    events: options.events,
    dataDir: options.dataDir,
    env: options.env,
    homeDir: options.service?.homeDir,
    ...options.mcp,
  });
  const service = new AgentService({
    store: options.store,
    events: options.events,
    provider: options.provider,
    sandboxFor,
    approvals,
    mcp,
    tools: options.context ? [...AGENT_TOOLS, createGetContextTool(options.context)] : AGENT_TOOLS,
    turnObserver: options.turnObserver ?? null,
    ...options.service,
  });

  const plans = new PlanService({ store: options.store, events: options.events, agent: service });

  return {
    service,
    mcp,
    plans,
    async dispose() {
      await service.dispose();
      await mcp.dispose();
      broker?.dispose();
    },
  };
}
