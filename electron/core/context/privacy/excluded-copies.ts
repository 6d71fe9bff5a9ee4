/**
 * Text copied or selected in an excluded app stays in the clipboard (and in PRIMARY) after the user
 * switches away: the password copied from 1Password is still there when they press the hotkey in the
 * browser. When focus leaves an excluded window, the service fingerprints both selections here; a
 * later snapshot holds back any selection whose fingerprint matches. Only SHA-256 digests are kept,
 * never the text.
 */
import { createHash } from 'node:crypto';

export type SelectionName = 'primary' | 'clipboard';

const MAX_REMEMBERED = 16;

export class ExcludedCopies {
  private readonly remembered = new Map<string, string>(); // digest → app label

  remember(which: SelectionName, text: string, app: string): void {
    const key = digest(which, text);
    this.remembered.delete(key);
    this.remembered.set(key, app);
    while (this.remembered.size > MAX_REMEMBERED) {
      const oldest = this.remembered.keys().next().value as string;
      this.remembered.delete(oldest);
    }
  }

  /** The excluded app this text came from, or null. */
  sourceOf(which: SelectionName, text: string): string | null {
    return this.remembered.get(digest(which, text)) ?? null;
  }

  clear(): void {
    this.remembered.clear();
  }
}

function digest(which: SelectionName, text: string): string {
  return createHash('sha256').update(which).update('\0').update(text).digest('hex');
}
