/*
 * The approval policy for patches. apply_patch runs inside Tandem, not in the sandbox, so this check
 * is what keeps it to the same places a sandboxed command could write: the writable roots (not their
 * `.git` or `.tandem`) and the thread's temp dir. Paths are judged by where they really land, symlinks
 * followed. Elsewhere: ask (`never`: refuse). Under `untrusted` every patch asks, as in Codex.
 */
import type { ApprovalPolicy, SandboxMode } from '../../../../shared/contract/agent';
import { affectedPaths, realTargetPath, type WritePermission } from '../apply-patch';
import { isWritablePath } from '../sandbox/writable-roots';
import type { WritableRoot } from '../sandbox/types';
import type { PolicyDecision } from './policy';

export interface PatchPolicyInput {
  policy: ApprovalPolicy;
  sandboxMode: SandboxMode;
  writableRoots: readonly WritableRoot[];
  /** The thread's temp dir (real path), writable like a root in `workspace-write`. */
  tmpDir?: string | null;
  /** Paths the user approved for this patch or thread. */
  approvedPaths?: ReadonlySet<string>;
}

export interface PatchEvaluation {
  decision: PolicyDecision;
  reason: string;
  /** The paths that need approval (or are refused), as the patch would really write them. */
  paths: string[];
}

/**
 * The `canWrite` callback for applyPatch(): true, 'needsApproval' or false for each path it would write.
 * An approved path also covers where it really leads: applyPatch reports `ws/config` for a symlink to
 * `~/.bashrc`, and approving `ws/config` must let the write through.
 */
export function patchWritePermission(input: PatchPolicyInput): (absPath: string) => Promise<WritePermission> {
  let approved: Promise<ReadonlySet<string>> | null = null;
  return async (absPath) => {
    const given = input.approvedPaths ?? new Set<string>();
    approved ??= Promise.all([...given].map((p) => realTargetPath(p))).then((real) => new Set([...given, ...real]));
    const decision = pathDecision({ ...input, approvedPaths: await approved }, absPath);
    return decision === 'allow' ? true : decision === 'prompt' ? 'needsApproval' : false;
  };
}

/** Judges a whole patch before it is applied. A patch that does not parse is refused with the parse error. */
export async function evaluatePatch(patch: string, cwd: string, input: PatchPolicyInput): Promise<PatchEvaluation> {
  let targets: string[];
  try {
    targets = affectedPaths(patch, cwd).map((p) => p.path);
  } catch (error) {
    return { decision: 'forbid', reason: (error as Error).message, paths: [] };
  }
  // Both the path as written and where it really lands must be allowed (a symlink inside the
  // workspace pointing at ~/.bashrc is not a workspace file).
  const checked = new Map<string, PolicyDecision>();
  for (const target of targets) {
    for (const candidate of new Set([target, await realTargetPath(target)])) checked.set(candidate, pathDecision(input, candidate));
  }
  const refused = [...checked].filter(([, d]) => d === 'forbid').map(([p]) => p);
  const asking = [...checked].filter(([, d]) => d === 'prompt').map(([p]) => p);
  if (refused.length > 0) {
    return { decision: 'forbid', reason: `The patch writes outside the writable folders (${refused.join(', ')}) and the approval policy is "never": not applied.`, paths: refused };
  }
  if (asking.length > 0) {
    const why = input.policy === 'untrusted' ? 'The approval policy is "untrusted": every patch needs approval.' : `The patch writes outside the writable folders: ${asking.join(', ')}.`;
    return { decision: 'prompt', reason: why, paths: asking };
  }
  return { decision: 'allow', reason: 'Every path is inside the writable folders.', paths: [] };
}

function pathDecision(input: PatchPolicyInput, absPath: string): PolicyDecision {
  if (input.approvedPaths?.has(absPath)) return 'allow';
  if (input.policy === 'untrusted') return 'prompt';
  const writable =
    input.sandboxMode === 'danger-full-access' ||
    (input.sandboxMode === 'workspace-write' && isWritablePath(withTmpDir(input.writableRoots, input.tmpDir), absPath));
  if (writable) return 'allow';
  return input.policy === 'never' ? 'forbid' : 'prompt';
}

function withTmpDir(roots: readonly WritableRoot[], tmpDir: string | null | undefined): readonly WritableRoot[] {
  return tmpDir ? [...roots, { root: tmpDir, readOnlySubpaths: [] }] : roots;
}
