/**
 * The environment block: where the agent is and what it may do, so it does not have to guess (or waste a
 * command finding out). Rebuilt at every turn, since any of it can change between turns.
 */
import os from 'node:os';
import path from 'node:path';
import type { ApprovalPolicy, SandboxMode } from '../../../../shared/contract';

export interface EnvironmentFacts {
  cwd: string;
  shell: string;
  os: string;
  sandbox: SandboxMode;
  /** Folders writable in workspace-write mode. */
  writableRoots: string[];
  networkAccess: boolean;
  approvalPolicy: ApprovalPolicy;
  /** YYYY-MM-DD in the user's time zone. */
  date: string;
  timeZone: string;
}

export function currentEnvironment(input: {
  cwd: string;
  sandbox: SandboxMode;
  approvalPolicy: ApprovalPolicy;
  writableRoots: string[];
  networkAccess: boolean;
  env?: NodeJS.ProcessEnv;
  now?: Date;
}): EnvironmentFacts {
  const now = input.now ?? new Date();
  const env = input.env ?? process.env;
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return {
    cwd: input.cwd,
    shell: process.platform === 'win32' ? 'cmd.exe' : 'bash',
    os: `${osName()} ${os.release()} (${os.arch()})${env.SHELL ? `; the user's login shell is ${path.basename(env.SHELL)}` : ''}`,
    sandbox: input.sandbox,
    writableRoots: input.writableRoots,
    networkAccess: input.networkAccess,
    approvalPolicy: input.approvalPolicy,
    date,
    timeZone,
  };
}

const SANDBOX_WORDS: Record<SandboxMode, string> = {
  'read-only': 'read-only: commands can read files but write nothing',
  'workspace-write': 'workspace-write: commands can write only inside the writable roots',
  'danger-full-access': 'full access: commands run without a sandbox',
};

const APPROVAL_WORDS: Record<ApprovalPolicy, string> = {
  untrusted: 'untrusted: the user approves every command except known-safe read-only ones',
  'on-request': 'on-request: ask (with_escalated_permissions + justification) when a command must run outside the sandbox',
  never: 'never: nobody can approve anything; work within the sandbox',
};

export function formatEnvironment(facts: EnvironmentFacts): string {
  const lines = [
    `cwd: ${facts.cwd}`,
    `shell: ${facts.shell} (the shell tool runs each command with \`${facts.shell === 'bash' ? 'bash -c' : 'cmd /c'}\`, stdin closed)`,
    `os: ${facts.os}`,
    `sandbox: ${SANDBOX_WORDS[facts.sandbox]}`,
    ...(facts.sandbox === 'workspace-write' ? [`writable roots: ${facts.writableRoots.join(', ')}`] : []),
    `network access: ${facts.networkAccess ? 'on' : 'off'}`,
    `approval policy: ${APPROVAL_WORDS[facts.approvalPolicy]}`,
    `date: ${facts.date} (${facts.timeZone})`,
  ];
  return `# Environment\n\n${lines.join('\n')}`;
}

function osName(): string {
  switch (process.platform) {
    case 'darwin':
      return 'macOS';
    case 'win32':
      return 'Windows';
    case 'linux':
      return 'Linux';
    default:
      return process.platform;
  }
}
