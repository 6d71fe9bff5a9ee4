/**
 * Turns `path:line` references found in text (shared/code-links.ts) into files that exist. A
 * relative path is tried against the base folder (a terminal's cwd, a thread's folder), the git work
 * tree above it, then each of Tandem's folders; an absolute one as it is. Each found file is named
 * by the folder to show it in — the deepest Tandem folder holding it, else its git work tree, else
 * its own directory — and its path inside that folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findCodeLinks, type CodeLink } from '../../../shared/code-links';
import type { ResolvedCodeLink } from '../../../shared/contract/code';

/** References resolved per call at most (a stack trace repeats itself; a log can be huge). */
const MAX_LINKS = 500;

export interface ResolveContext {
  baseDir: string | null;
  /** Tandem's folders (absolute, real paths). */
  roots: readonly string[];
}

export async function resolveText(text: string, bare: boolean, ctx: ResolveContext): Promise<ResolvedCodeLink[]> {
  return resolveLinks(findCodeLinks(text, { bare, maxLinks: MAX_LINKS }), ctx);
}

export async function resolveOne(rawPath: string, line: number | null, column: number | null, ctx: ResolveContext): Promise<ResolvedCodeLink[]> {
  const found = await locate(rawPath.startsWith('file://') ? decodeFileUrl(rawPath) : rawPath, ctx);
  return found ? [{ start: null, end: null, text: rawPath, line, column, ...found }] : [];
}

export async function resolveLinks(links: readonly CodeLink[], ctx: ResolveContext): Promise<ResolvedCodeLink[]> {
  const cache = new Map<string, Promise<Located | null>>();
  const out: ResolvedCodeLink[] = [];
  for (const link of links.slice(0, MAX_LINKS)) {
    let job = cache.get(link.path);
    if (!job) {
      job = locate(link.path, ctx);
      cache.set(link.path, job);
    }
    const found = await job;
    if (found) out.push({ start: link.start, end: link.end, text: link.path, line: link.line, column: link.column, ...found });
  }
  return out;
}

interface Located {
  root: string;
  path: string;
  absolutePath: string;
}

async function locate(raw: string, ctx: ResolveContext): Promise<Located | null> {
  const cleaned = raw.replace(/^\.\//, '');
  const candidates: string[] = [];
  if (path.isAbsolute(cleaned)) {
    candidates.push(cleaned);
  } else {
    if (ctx.baseDir) {
      candidates.push(path.resolve(ctx.baseDir, cleaned));
      const top = findWorkTree(ctx.baseDir);
      if (top && top !== ctx.baseDir) candidates.push(path.resolve(top, cleaned));
    }
    for (const root of ctx.roots) candidates.push(path.resolve(root, cleaned));
  }
  for (const candidate of new Set(candidates)) {
    if (!(await isFile(candidate))) continue;
    const absolutePath = await fs.promises.realpath(candidate).catch(() => candidate);
    const root = rootFor(absolutePath, ctx.roots);
    return { root, path: toPosix(path.relative(root, absolutePath)), absolutePath };
  }
  return null;
}

/** The deepest Tandem folder that holds the file, else its git work tree, else its directory. */
export function rootFor(absolutePath: string, roots: readonly string[]): string {
  let best: string | null = null;
  for (const root of roots) {
    if (isInside(root, absolutePath) && (!best || root.length > best.length)) best = root;
  }
  return best ?? findWorkTree(path.dirname(absolutePath)) ?? path.dirname(absolutePath);
}

/** The nearest folder at or above `dir` that holds a `.git` entry (a repository or a linked worktree). */
export function findWorkTree(dir: string): string | null {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(p)).isFile();
  } catch {
    return false;
  }
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

function decodeFileUrl(url: string): string {
  try {
    return decodeURIComponent(url.slice('file://'.length));
  } catch {
    return url.slice('file://'.length);
  }
}
