/**
 * The instructions sent with every model call of a turn: the system prompt, the AGENTS.md files found for
 * the working directory, and the environment block. Built once per turn; the parts are listed for the
 * context ledger.
 */
import type { LedgerContextPart } from '../../store/repositories/ledger';
import { discoverAgentsFiles, formatAgentsFiles } from './agents-md';
import { currentEnvironment, formatEnvironment } from './environment';
import { SYSTEM_PROMPT } from './system-prompt';
import { discoverSkills } from '../skills/discover';
import { formatInvokedSkills, formatSkillList, mentionedSkills, readInvokedSkills } from '../skills/prompt';
import type { ApprovalPolicy, SandboxMode } from '../../../../shared/contract';

export interface TurnInstructions {
  text: string;
  /** What went into `text`, for the ledger. */
  parts: LedgerContextPart[];
}

export interface InstructionsInput {
  cwd: string;
  sandbox: SandboxMode;
  approvalPolicy: ApprovalPolicy;
  writableRoots: string[];
  networkAccess: boolean;
  homeDir?: string;
  /** The user's message: `$name` in it invokes a skill, whose full text then joins the instructions. */
  userText?: string;
  env?: NodeJS.ProcessEnv;
  now?: Date;
}

export async function buildInstructions(input: InstructionsInput): Promise<TurnInstructions> {
  const files = await discoverAgentsFiles({ cwd: input.cwd, homeDir: input.homeDir });
  const agents = formatAgentsFiles(files);
  const environment = formatEnvironment(currentEnvironment(input));
  const { skills } = await discoverSkills({ cwd: input.cwd, homeDir: input.homeDir });
  const skillList = formatSkillList(skills);
  const invoked = await readInvokedSkills(mentionedSkills(input.userText ?? '', skills));
  const invokedText = formatInvokedSkills(invoked);
  const text = [SYSTEM_PROMPT, agents, skillList, invokedText, environment].filter(Boolean).join('\n\n');
  const parts: LedgerContextPart[] = [
    { kind: 'instructions', label: 'Tandem system prompt', chars: SYSTEM_PROMPT.length },
    ...files.map((file) => ({
      kind: 'agents-md',
      label: file.truncated ? `${file.path} (truncated)` : file.path,
      chars: file.text.length,
    })),
    ...(skills.length ? [{ kind: 'skills', label: `skill list (${skills.length})`, chars: skillList.length }] : []),
    ...invoked.map(({ skill, text: body }) => ({ kind: 'skill', label: `$${skill.name} (${skill.path})`, chars: body.length })),
    { kind: 'environment', label: `environment (${input.cwd})`, chars: environment.length },
  ];
  return { text, parts };
}

export { SYSTEM_PROMPT } from './system-prompt';
export { discoverAgentsFiles, formatAgentsFiles, foldersFromRootTo, type AgentsFile } from './agents-md';
export { currentEnvironment, formatEnvironment, type EnvironmentFacts } from './environment';
