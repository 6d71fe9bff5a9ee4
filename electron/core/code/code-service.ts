/**
 * The code view's methods: the tree, the file list, quick open, reading, finding, blame, "open in my
 * editor", and resolving `path:line` references. Each folder the UI asks about gets a RootSession
 * (listing, indexes, watchers), kept for the most recently used folders and disposed with the core.
 * Every file path is checked to stay inside its folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CODE_LIMITS, type CodeChanged } from '../../../shared/contract/code';
import { RpcError, type RpcErrorCode } from '../../../shared/contract/errors';
import { GitError, type GitErrorKind } from '../git/run-git';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';
import { blameRange, BlameUnavailableError } from './blame';
import { FileReader, FileReadError } from './file-reader';
import { resolveOne, resolveText } from './link-resolver';
import { NoEditorError, openInEditor } from './open-in-editor';
import { RootSession } from './root-session';

/** Folders kept indexed and watched at once; the least recently used beyond this is closed. */
const MAX_SESSIONS = 8;

export interface CodeServiceOptions {
  events: EventBus;
  /** Tandem's folders, for resolving relative references. */
  store: Pick<Store, 'workspaces'>;
  /** Where $VISUAL / $EDITOR are read; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** A terminal's current folder, for references printed in it. */
  terminalCwd?(terminalId: string): string | null;
  /** Turn watching off (tests of everything else). */
  watch?: boolean;
}

type CodeMethod =
  | 'code.tree'
  | 'code.list'
  | 'code.quickOpen'
  | 'code.stat'
  | 'code.read'
  | 'code.image'
  | 'code.find'
  | 'code.blame'
  | 'code.openInEditor'
  | 'code.resolveLink';

const GIT_ERROR_CODES: Record<GitErrorKind, RpcErrorCode> = {
  missing_folder: 'not_found',
  not_a_repository: 'conflict',
  no_commits: 'conflict',
  unknown_revision: 'not_found',
  no_common_history: 'conflict',
  unsafe_repository: 'conflict',
  output_too_large: 'conflict',
  git_missing: 'unavailable',
  timeout: 'unavailable',
  failed: 'internal',
};

const READ_ERROR_CODES: Record<FileReadError['kind'], RpcErrorCode> = {
  not_found: 'not_found',
  not_a_file: 'invalid_input',
  too_large: 'conflict',
  not_text: 'conflict',
  unreadable: 'unavailable',
};

export class CodeService {
  private readonly sessions = new Map<string, RootSession>();
  private readonly reader = new FileReader();
  private disposed = false;

  constructor(private readonly options: CodeServiceOptions) {}

  handlers(): Pick<Handlers, CodeMethod> {
    return {
      'code.tree': (input) =>
        this.guard(async () => {
          const session = await this.session(input.root);
          if (input.dir === '') await session.refreshIfNotLive();
          const entries = session.fileTree().entries(input.dir, session.decorationMap());
          if (!entries) throw new RpcError('not_found', `No folder "${input.dir}" in ${session.root}`);
          return { root: session.root, dir: input.dir, entries, git: session.isGit, live: session.isLive, truncated: session.truncated };
        }),
      'code.list': (input) =>
        this.guard(async () => {
          const session = await this.session(input.root);
          const all = session.paths;
          const end = Math.min(all.length, input.offset + input.limit);
          return {
            root: session.root,
            paths: all.slice(input.offset, end),
            total: all.length,
            nextOffset: end < all.length ? end : null,
            git: session.isGit,
            truncated: session.truncated,
          };
        }),
      'code.quickOpen': (input) =>
        this.guard(async () => {
          const session = await this.session(input.root);
          const index = session.fuzzyIndex();
          const started = performance.now();
          const matches = index.query(input.query, { limit: input.limit, recent: input.recent });
          const elapsedMs = Math.round((performance.now() - started) * 100) / 100;
          return { root: session.root, matches: matches.map(({ path: p, score, positions }) => ({ path: p, score, positions })), total: index.size, elapsedMs };
        }),
      'code.stat': (input) =>
        this.guard(async () => {
          const { root, abs } = await this.file(input.root, input.path);
          return { root, path: input.path, ...(await this.reader.stat(abs)) };
        }),
      'code.read': (input) =>
        this.guard(async () => {
          const { abs } = await this.file(input.root, input.path);
          return { path: input.path, ...(await this.reader.read(abs, input.startLine, input.endLine)) };
        }),
      'code.image': (input) =>
        this.guard(async () => {
          const { abs } = await this.file(input.root, input.path);
          return { path: input.path, ...(await this.reader.image(abs)) };
        }),
      'code.find': (input) =>
        this.guard(async () => {
          const { abs } = await this.file(input.root, input.path);
          const pattern = findPattern(input.query, input);
          return { path: input.path, ...(await this.reader.find(abs, pattern, CODE_LIMITS.maxFindMatches)) };
        }),
      'code.blame': (input) =>
        this.guard(async () => {
          if (input.endLine - input.startLine + 1 > CODE_LIMITS.maxBlameLines) {
            throw new RpcError('invalid_input', `Blame at most ${CODE_LIMITS.maxBlameLines} lines at a time`);
          }
          const { root } = await this.file(input.root, input.path);
          return blameRange(root, input.path, input.startLine, input.endLine);
        }),
      'code.openInEditor': (input) =>
        this.guard(async () => {
          const { root, abs } = await this.file(input.root, input.path);
          return openInEditor({ file: abs, line: input.line, column: input.column, cwd: root }, this.options.env ?? process.env);
        }),
      'code.resolveLink': (input) =>
        this.guard(async () => {
          const roots = this.options.store.workspaces.list().map((w) => w.path);
          const baseDir = input.baseDir ?? (input.terminalId ? (this.options.terminalCwd?.(input.terminalId) ?? null) : null);
          const ctx = { baseDir, roots };
          const links = input.text !== undefined ? await resolveText(input.text, input.bare, ctx) : await resolveOne(input.path!, input.line ?? null, input.column ?? null, ctx);
          return { links };
        }),
    };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((s) => s.dispose()));
  }

  /** The session of a folder (made and listed on first use), most recently used last. */
  private async session(rawRoot: string): Promise<RootSession> {
    if (this.disposed) throw new RpcError('unavailable', 'Tandem is shutting down');
    const root = await realFolder(rawRoot);
    let session = this.sessions.get(root);
    if (session) {
      this.sessions.delete(root);
    } else {
      session = new RootSession({
        root,
        watch: this.options.watch,
        onChanged: (change: CodeChanged) => this.options.events.emit('code.changed', change),
      });
    }
    this.sessions.set(root, session);
    while (this.sessions.size > MAX_SESSIONS) {
      const [oldestRoot, oldest] = this.sessions.entries().next().value!;
      this.sessions.delete(oldestRoot);
      void oldest.dispose();
    }
    try {
      await session.ready();
    } catch (err) {
      // A folder that could not be listed is not kept: the next call tries again.
      if (this.sessions.get(root) === session) this.sessions.delete(root);
      void session.dispose();
      throw err;
    }
    return session;
  }

  /** The folder (real path) and the absolute path of a file in it; refuses paths that leave it. */
  private async file(rawRoot: string, relative: string): Promise<{ root: string; abs: string }> {
    const root = await realFolder(rawRoot);
    const abs = path.resolve(root, relative);
    if (abs !== root && !abs.startsWith(root + path.sep)) throw new RpcError('invalid_input', `${relative} is outside ${root}`);
    return { root, abs };
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toRpcError(err);
    }
  }
}

async function realFolder(root: string): Promise<string> {
  let real: string;
  try {
    real = await fs.promises.realpath(root);
  } catch {
    throw new RpcError('not_found', `No folder at ${root}`);
  }
  const st = await fs.promises.stat(real);
  if (!st.isDirectory()) throw new RpcError('invalid_input', `${root} is a file, not a folder`);
  return real;
}

function findPattern(query: string, options: { caseSensitive: boolean; regex: boolean; wholeWord: boolean }): RegExp {
  let source = options.regex ? query : query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (options.wholeWord) source = `\\b(?:${source})\\b`;
  try {
    return new RegExp(source, options.caseSensitive ? 'gu' : 'giu');
  } catch (err) {
    throw new RpcError('invalid_input', `Not a valid regular expression: ${(err as Error).message}`);
  }
}

function toRpcError(err: unknown): unknown {
  if (err instanceof RpcError) return err;
  if (err instanceof FileReadError) return new RpcError(READ_ERROR_CODES[err.kind], err.message);
  if (err instanceof BlameUnavailableError) return new RpcError('conflict', err.message);
  if (err instanceof NoEditorError) return new RpcError('unavailable', err.message);
  if (err instanceof GitError) {
    const message = err.kind === 'not_a_repository' ? `${err.message}: blame needs a git repository` : err.message;
    return new RpcError(GIT_ERROR_CODES[err.kind], message);
  }
  return err;
}
