/**
 * Ranking for the command palette: every query character must appear in order in the text; matches at
 * word starts and consecutive runs score higher, so "nt" finds "New thread" before "Toggle terminal".
 */
export interface Ranked<T> {
  item: T;
  score: number;
  /** Indexes of matched characters in the text, for highlighting. */
  positions: number[];
}

export function fuzzyScore(query: string, text: string): { score: number; positions: number[] } | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return { score: 0, positions: [] };
  const t = text.toLowerCase();
  // Try each place the first character occurs and keep the best alignment: "th" in "Switch to light
  // theme" should light up "theme", not the t of "to" and the h of "light".
  let best: { score: number; positions: number[] } | null = null;
  for (let start = t.indexOf(q[0] ?? ''); start !== -1; start = t.indexOf(q[0] ?? '', start + 1)) {
    const m = alignFrom(q, t, start);
    if (m && (!best || m.score > best.score)) best = m;
  }
  // Shorter texts win ties: "Settings" over "Open settings file location".
  return best && { score: best.score - t.length * 0.01, positions: best.positions };
}

const WORD_BOUNDARY = /[\s\-_/.:]/;

function isWordStart(t: string, i: number): boolean {
  return i === 0 || WORD_BOUNDARY.test(t[i - 1] ?? '');
}

/** Greedy alignment with the first character at `start`: consecutive runs, then word starts, then any. */
function alignFrom(q: string, t: string, start: number): { score: number; positions: number[] } | null {
  const positions = [start];
  let score = 1 + (isWordStart(t, start) ? 8 : 0) - Math.min(start, 10) * 0.1;
  let prev = start;
  for (const ch of q.slice(1)) {
    let at = t[prev + 1] === ch ? prev + 1 : -1;
    if (at === -1) {
      for (let i = prev + 1; i < t.length; i++) {
        if (t[i] === ch && isWordStart(t, i)) {
          at = i;
          break;
        }
      }
    }
    if (at === -1) at = t.indexOf(ch, prev + 1);
    if (at === -1) return null;
    score += 1 + (isWordStart(t, at) ? 8 : 0) + (at === prev + 1 ? 5 : 0) - Math.min(at - prev - 1, 10) * 0.1;
    positions.push(at);
    prev = at;
  }
  return { score, positions };
}

export function rank<T>(query: string, items: readonly T[], text: (item: T) => string): Ranked<T>[] {
  const out: Ranked<T>[] = [];
  for (const item of items) {
    const m = fuzzyScore(query, text(item));
    if (m) out.push({ item, ...m });
  }
  if (!query.trim()) return out;
  return out.sort((a, b) => b.score - a.score);
}
