/**
 * Every way a patch can fail, as one error class with a machine-readable code, so the agent can turn a
 * failure into a precise message for the model and the CLI can print it as is.
 */
export type PatchErrorCode =
  /** The text is not a patch: missing `*** Begin Patch` / `*** End Patch`, or empty. */
  | 'invalid-patch'
  /** A hunk inside the patch is malformed (bad header, empty update, stray line). */
  | 'invalid-hunk'
  /** The patch parses but contains no file operation. */
  | 'empty-patch'
  /** An update chunk's context or removed lines were not found in the file. */
  | 'context-not-found'
  /** A file to update or delete does not exist. */
  | 'file-not-found'
  /** A path names a directory (or something else) where a regular file is needed. */
  | 'not-a-file'
  /** A file to update is binary or not valid UTF-8. */
  | 'not-text'
  /** The caller's `canWrite` refused a path the patch touches. */
  | 'write-denied'
  /** Any other filesystem failure (permissions, disk full, ...). */
  | 'io';

export class PatchError extends Error {
  override readonly name = 'PatchError';

  constructor(
    readonly code: PatchErrorCode,
    message: string,
    /** 1-based line in the patch text, for parse errors. */
    readonly line?: number,
  ) {
    super(message);
  }
}
