/** One sentence for the user from whatever a call threw. */
import { RpcError } from '../../../shared/contract';

export function describeError(err: unknown): string {
  if (err instanceof RpcError) {
    // Validation errors carry the field's own message ("Enter a folder path"), which reads better alone.
    if (err.code === 'invalid_input' && err.issues?.length === 1 && err.issues[0]) return err.issues[0].message;
    return err.message;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
