/**
 * Recent quick asks. Each ask is a real thread (so it can be continued in the main window); this list
 * only remembers which threads were quick asks and their question, newest first, in the window's
 * localStorage (shared by the quick-ask window and the main window, which have one origin). A thread
 * deleted or archived elsewhere simply opens as "not found" and can be dropped from the list.
 */
export interface RecentAsk {
  threadId: string;
  question: string;
  askedAt: number;
}

/** The part of Web Storage used here (so the module stays free of DOM types and testable in Node). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const RECENT_ASKS_KEY = 'tandem.quickAsk.recent';
export const RECENT_ASKS_LIMIT = 8;

export function readRecentAsks(storage: Pick<KeyValueStorage, 'getItem'> | null): RecentAsk[] {
  if (!storage) return [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(RECENT_ASKS_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(isRecentAsk).slice(0, RECENT_ASKS_LIMIT);
  } catch {
    return []; // A damaged entry costs the list, not the window.
  }
}

export function rememberAsk(storage: KeyValueStorage | null, ask: RecentAsk): RecentAsk[] {
  const next = [ask, ...readRecentAsks(storage).filter((a) => a.threadId !== ask.threadId)].slice(0, RECENT_ASKS_LIMIT);
  try {
    storage?.setItem(RECENT_ASKS_KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the list just is not remembered.
  }
  return next;
}

function isRecentAsk(v: unknown): v is RecentAsk {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.threadId === 'string' && typeof r.question === 'string' && typeof r.askedAt === 'number';
}
