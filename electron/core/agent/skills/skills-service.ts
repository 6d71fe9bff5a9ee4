/**
 * The skills methods: list the skills a thread's agent sees, offer "save as skill" for scripts the agent
 * ran successfully more than once, and write such a skill into the repository (`.agents/skills/<name>/`),
 * so teammates get it with the code. Offers are computed when a turn ends and announced once each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RpcError, type AgentItem, type Thread } from '../../../../shared/contract';
import type { Skill, SkillCandidate } from '../../../../shared/contract/skills';
import type { Store } from '../../store';
import type { EventBus } from '../../transport/event-bus';
import type { Handlers } from '../../transport/router';
import { foldersFromRootTo } from '../instructions/agents-md';
import { toLoggedItem } from '../items';
import { discoverSkills, readSkill, SKILL_FILE } from './discover';
import { findRepeatedScripts } from './repeated-scripts';
import { renderSkillFile } from './skill-file';

export interface SkillsServiceOptions {
  store: Store;
  events: EventBus;
  homeDir?: string;
}

type SkillHandlers = Pick<Handlers, 'skills.list' | 'skills.candidates' | 'skills.save' | 'skills.dismissCandidate'>;

export class SkillsService {
  private readonly unsubscribe: () => void;
  /** Candidate ids already announced, so a thread's offer pops up once, not after every turn. */
  private readonly announced = new Set<string>();

  constructor(private readonly options: SkillsServiceOptions) {
    this.unsubscribe = options.events.subscribe((event, payload) => {
      if (event !== 'turn.completed') return;
      const { threadId } = payload as { threadId: string };
      this.announceNewCandidates(threadId);
    });
  }

  handlers(): SkillHandlers {
    return {
      'skills.list': async ({ threadId, workspaceId }) => {
        const cwd = threadId ? this.threadFolder(this.requireThread(threadId)) : workspaceId ? this.workspaceFolder(workspaceId) : null;
        return discoverSkills({ cwd: cwd ?? this.homeDir(), homeDir: this.homeDir() });
      },
      'skills.candidates': ({ threadId }) => this.candidates(this.requireThread(threadId)),
      'skills.save': async (input) => {
        const thread = this.requireThread(input.threadId);
        const candidate = this.candidates(thread).find((c) => c.id === input.candidateId);
        if (!candidate) throw new RpcError('not_found', 'That script is no longer offered as a skill (it was saved or dismissed).');
        const skill = await this.save(thread, candidate, input);
        this.dismiss(thread.id, candidate.id);
        return skill;
      },
      'skills.dismissCandidate': ({ threadId, candidateId }) => {
        this.requireThread(threadId);
        this.dismiss(threadId, candidateId);
        return { dismissed: true };
      },
    };
  }

  dispose(): void {
    this.unsubscribe();
  }

  private candidates(thread: Thread): SkillCandidate[] {
    const items = this.options.store.items
      .list(thread.id)
      .map(toLoggedItem)
      .filter((l) => l !== null)
      .map((l) => l.item as AgentItem);
    const dismissed = new Set(this.dismissed(thread.id));
    return findRepeatedScripts(thread.id, items).filter((c) => !dismissed.has(c.id));
  }

  private announceNewCandidates(threadId: string): void {
    const thread = this.options.store.threads.get(threadId);
    if (!thread) return;
    let candidates: SkillCandidate[];
    try {
      candidates = this.candidates(thread);
    } catch (error) {
      console.error(`[tandem] could not look for repeated scripts in thread ${threadId}`, error);
      return;
    }
    const fresh = candidates.filter((c) => !this.announced.has(c.id));
    if (fresh.length === 0) return;
    for (const c of fresh) this.announced.add(c.id);
    this.options.events.emit('skills.candidates', { threadId, candidates });
  }

  private async save(thread: Thread, candidate: SkillCandidate, input: { name: string; description: string; notes?: string }): Promise<Skill> {
    const folder = this.threadFolder(thread);
    if (!folder) throw new RpcError('invalid_input', 'This thread has no folder to save a skill in.');
    const chain = await foldersFromRootTo(folder);
    const repoRoot = chain[0];
    if (!repoRoot || !fs.existsSync(path.join(repoRoot, '.git'))) {
      throw new RpcError('invalid_input', `${folder} is not inside a git repository: a skill is saved in the repository's .agents/skills so teammates get it.`);
    }
    const dir = path.join(repoRoot, '.agents', 'skills', input.name);
    if (fs.existsSync(dir)) throw new RpcError('conflict', `A skill named ${input.name} already exists at ${path.relative(repoRoot, dir)}.`);

    const scriptFile = candidate.scriptFile.startsWith('scripts/') && !candidate.scriptFile.includes('..') ? candidate.scriptFile : `scripts/${path.basename(candidate.scriptFile)}`;
    const script = this.currentScriptText(candidate);
    const skillText = renderSkillFile({
      name: input.name,
      description: input.description,
      notes: input.notes ?? '',
      runner: candidate.runner,
      scriptPath: path.posix.join('.agents', 'skills', input.name, scriptFile),
      commands: candidate.commands,
      runs: candidate.runs,
      threadTitle: thread.title,
    });
    // Written into a temp folder first, then renamed into place: a half-written skill never shows up.
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const staging = fs.mkdtempSync(path.join(path.dirname(dir), `.${input.name}-`));
    try {
      fs.mkdirSync(path.join(staging, path.dirname(scriptFile)), { recursive: true });
      fs.writeFileSync(path.join(staging, scriptFile), script, { mode: 0o755 });
      fs.writeFileSync(path.join(staging, SKILL_FILE), skillText);
      fs.renameSync(staging, dir);
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw new RpcError('internal', `The skill could not be written: ${error instanceof Error ? error.message : String(error)}`);
    }
    const read = await readSkill(path.join(dir, SKILL_FILE), 'repo');
    if ('problem' in read) throw new RpcError('internal', `The skill was written but cannot be read back: ${read.problem.message}`);
    return read.skill;
  }

  /** A script file the agent wrote is read from disk (it may have been edited since); inline scripts as last run. */
  private currentScriptText(candidate: SkillCandidate): string {
    if (candidate.sourceFile) {
      try {
        return fs.readFileSync(candidate.sourceFile, 'utf8');
      } catch {
        // Gone since it ran: the text as the agent wrote it is what we have.
      }
    }
    return candidate.script;
  }

  private dismissed(threadId: string): string[] {
    return this.options.store.settings.get<string[]>(`skills.dismissed.${threadId}`) ?? [];
  }

  private dismiss(threadId: string, candidateId: string): void {
    const list = this.dismissed(threadId);
    if (!list.includes(candidateId)) this.options.store.settings.set(`skills.dismissed.${threadId}`, [...list, candidateId]);
  }

  private requireThread(id: string): Thread {
    const thread = this.options.store.threads.get(id);
    if (!thread) throw new RpcError('not_found', `No thread with id ${id}`);
    return thread;
  }

  /** The folder the thread's turns run in: its last turn's folder, else its workspace. */
  private threadFolder(thread: Thread): string | null {
    const config = this.options.store.settings.get<{ cwd?: string }>(`agent.thread.${thread.id}`);
    if (config?.cwd && fs.existsSync(config.cwd)) return config.cwd;
    return thread.workspaceId ? this.workspaceFolder(thread.workspaceId) : null;
  }

  private workspaceFolder(workspaceId: string): string {
    const workspace = this.options.store.workspaces.get(workspaceId);
    if (!workspace) throw new RpcError('not_found', `No workspace with id ${workspaceId}`);
    return workspace.path;
  }

  private homeDir(): string {
    return this.options.homeDir ?? os.homedir();
  }
}
