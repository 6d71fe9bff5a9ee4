/** The message the quick-ask window leaves for the main window (see handoff.ts). Pure, for tests. */
export const HANDOFF_KEY = 'tandem.quickAsk.continue';

export function parseHandoff(value: string | null): string | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    const id = (parsed as { threadId?: unknown } | null)?.threadId;
    return typeof id === 'string' && id.length > 0 ? id : null;
  } catch {
    return null;
  }
}
