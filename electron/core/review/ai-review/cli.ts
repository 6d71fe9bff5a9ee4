/**
 * `tandem review [--uncommitted | --base BRANCH | --commit SHA] [--json]`: the AI review from the
 * command line, on the repository of the current directory. The model is the one Tandem is set up
 * with (its data folder's settings), else OPENAI_API_KEY / OPENAI_BASE_URL.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GitRevision, type AiReviewResult, type DiffSource } from '../../../../shared/contract/review';
import type { CommandIO } from '../../cli-io';
import { defaultDataDir } from '../../data-dir';
import { GitError } from '../../git/run-git';
import { repoRoot } from '../../git/rev-parse';
import { ProviderService } from '../../provider/provider-service';
import { FileKeychain } from '../../secrets/file-keychain';
import { Store, StoreError } from '../../store';
import { EventBus } from '../../transport/event-bus';
import { loadDiff } from '../diff-sources';
import { AiReviewer, AiReviewError } from './ai-reviewer';
import { DismissalsRepository } from './dismissals';
import { ReviewResultsRepository } from './results';

export const REVIEW_HELP = `Usage: tandem review [--uncommitted | --base BRANCH | --commit SHA] [--json]

Asks the model Tandem is set up with to review a change in the git repository
of the current folder, and prints its verdict and findings.

What to review (one of; default --uncommitted):
  --uncommitted     staged, unstaged and untracked changes
  --base BRANCH     what the current branch added since it left BRANCH
  --commit SHA      one commit

Options:
  --json            print the result as JSON (verdict, explanation, findings)
  --cd DIR          the repository (default: the current folder)
  --data-dir DIR    Tandem's data folder, for its model settings
                    (default: $TANDEM_DATA_DIR, else the app's data folder)
  -h, --help        show this help

The model: the one set in Tandem's Settings, else OPENAI_API_KEY and
OPENAI_BASE_URL. Exit status: 0 looks good, 1 needs changes, 2 usage errors,
3 the review could not be made.`;

export async function runReviewCommand(args: string[], io: CommandIO): Promise<number> {
  let values: { uncommitted?: boolean; base?: string; commit?: string; json?: boolean; cd?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        uncommitted: { type: 'boolean' },
        base: { type: 'string' },
        commit: { type: 'string' },
        json: { type: 'boolean' },
        cd: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return usage(io, (err as Error).message);
  }
  if (values.help) {
    io.stdout.write(`${REVIEW_HELP}\n`);
    return 0;
  }
  const chosen = [values.uncommitted, values.base !== undefined, values.commit !== undefined].filter(Boolean).length;
  if (chosen > 1) return usage(io, 'give only one of --uncommitted, --base, --commit');
  let source: DiffSource = { kind: 'working' };
  for (const [flag, value] of [['--base', values.base], ['--commit', values.commit]] as const) {
    if (value === undefined) continue;
    const rev = GitRevision.safeParse(value);
    if (!rev.success) return usage(io, `${flag}: ${rev.error.issues[0]?.message ?? 'invalid'}`);
    source = flag === '--base' ? { kind: 'branch', base: rev.data } : { kind: 'commit', commit: rev.data };
  }

  const dataDir = values['data-dir'] ? path.resolve(io.cwd, values['data-dir']) : defaultDataDir(io.env);
  let store: Store;
  try {
    store = Store.open(dataDir);
  } catch (err) {
    io.stderr.write(`tandem review: ${err instanceof StoreError ? err.message : (err as Error).message}\n`);
    return 3;
  }
  try {
    const root = await repoRoot(path.resolve(io.cwd, values.cd ?? '.'));
    const diff = await loadDiff(root, source);
    if (diff.files.length === 0) {
      io.stderr.write(`tandem review: there is nothing to review in ${diff.title.toLowerCase()}\n`);
      return 3;
    }
    const providers = new ProviderService({ store, events: new EventBus(), keychain: new FileKeychain(dataDir), env: io.env });
    const reviewer = new AiReviewer({ provider: providers, dismissals: new DismissalsRepository(store.db), results: new ReviewResultsRepository(store.db), ledger: store.ledger });
    const result = await reviewer.review(diff);
    io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatReview(diff.title, result));
    return result.verdict === 'needs_changes' ? 1 : 0;
  } catch (err) {
    if (err instanceof GitError || err instanceof AiReviewError) {
      io.stderr.write(`tandem review: ${err.message}\n`);
      return 3;
    }
    throw err;
  } finally {
    store.close();
  }
}

/** The result for a terminal: verdict, then each finding with its place. */
export function formatReview(title: string, result: AiReviewResult): string {
  const lines = [`Review of ${title} by ${result.model}: ${result.verdict === 'looks_good' ? 'looks good' : 'needs changes'}`, result.explanation, ''];
  if (result.findings.length === 0) lines.push('No findings.');
  for (const f of result.findings) {
    const range = f.startLine === f.endLine ? `${f.startLine}` : `${f.startLine}-${f.endLine}`;
    lines.push(`${f.title}`, `  ${f.path}${f.anchor === 'file' ? '' : `:${range}`}${f.side === 'old' ? ' (old side)' : ''} · confidence ${f.confidence.toFixed(2)}`);
    for (const l of f.body.split('\n')) lines.push(`  ${l}`);
    lines.push('');
  }
  if (result.dropped > 0) lines.push(`(${result.dropped} less certain finding(s) left out)`);
  return `${lines.join('\n').trimEnd()}\n`;
}

function usage(io: CommandIO, message: string): number {
  io.stderr.write(`tandem review: ${message}\n\n${REVIEW_HELP}\n`);
  return 2;
}
