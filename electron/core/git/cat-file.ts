/** The bytes of one blob, exactly as stored (no filters, no textconv). */
import { runGit } from './run-git';

export async function readBlob(cwd: string, objectId: string): Promise<Buffer> {
  return (await runGit(cwd, ['cat-file', 'blob', objectId], { maxOutputBytes: 1024 * 1024 * 1024 })).stdout;
}
