// The apply_patch engine: the Codex patch format, parsed, located and applied to files.
export { applyPatch, type ApplyPatchOptions, type ApplyPatchResult, type FileChange, type WritePermission } from './apply';
export { runApplyPatchCommand, type ApplyPatchCommandIo } from './cli';
export { PatchError, type PatchErrorCode } from './errors';
export { diffFile, type FileDiff } from './file-diff';
export {
  parsePatch,
  type AddFileHunk,
  type DeleteFileHunk,
  type Hunk,
  type ParsedPatch,
  type UpdateChunk,
  type UpdateFileHunk,
} from './parser';
export { affectedPaths, isInside, realTargetPath, resolvePatchPath, type AffectedPath, type PathOperation } from './paths';
export { normalisePunctuation, seekSequence, type MatchPass, type SequenceMatch } from './seek-sequence';
export { formatSummary } from './summary';
export { updateText } from './update-text';
