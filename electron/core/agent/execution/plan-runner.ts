/** Something that runs a sandbox plan for the shell tool: a visible agent terminal, or a plain child process. */
import type { SandboxPlan } from '../sandbox';
import type { CommandResult, CommandRun } from '../tools/permissions';

export type PlanRunner = (plan: SandboxPlan, run: Omit<CommandRun, 'command' | 'cwd' | 'sandbox'>) => Promise<CommandResult>;
