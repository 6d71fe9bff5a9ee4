/**
 * Quick-open ranking over every file of a folder, the way editors rank: a query that fits inside the
 * file name beats one spread over the folders; runs of consecutive letters and letters at word
 * starts ("/", "_", "-", ".", camelCase) score up; gaps score down; recently opened files rise.
 *
 * The scorer is fzf's "v2" idea (a Smith-Waterman style alignment with boundary bonuses), kept small:
 * O(query × path) per candidate, with cheap rejections first (a character-set mask, then a plain
 * subsequence test) so that a keystroke over 100,000 paths stays well under 30 ms. Typing one more
 * character only re-checks the files that matched the previous query.
 */

export interface FuzzyMatch {
  /** Index into the paths the index was built from. */
  index: number;
  path: string;
  score: number;
  positions: number[];
}

export interface FuzzyQueryOptions {
  limit: number;
  /** Recently opened paths, most recent first: they rank up (and fill an empty query). */
  recent?: readonly string[];
}

// Scores (fzf's values): a match, the start of a gap and each further gap character.
const SCORE_MATCH = 16;
const GAP_START = -3;
const GAP_EXTENSION = -1;
// Bonuses for where a character matches.
const BONUS_SEPARATOR = 9; // right after "/" (a folder or file name starts)
const BONUS_BOUNDARY = 8; // after "_", "-", ".", " " or at the very start
const BONUS_CAMEL = 7; // lower→Upper or letter→digit
const BONUS_CONSECUTIVE = 4; // continues the previous match
const FIRST_CHAR_MULTIPLIER = 2;
/**
 * A term that fits inside the file name always outranks one that needs the folders (a tier, not a
 * nudge): it is what people mean when they type a name, and it lets the ranking skip scoring
 * folder-only matches once the list is full of name matches.
 */
const NAME_MATCH_BONUS = 10_000;
/** …and more if it starts the name ("app" → "app.ts" over "myapp.ts"). */
const NAME_PREFIX_BONUS = 20;
/** Per character: among equal matches, the shorter name (then the shorter path) wins. */
const NAME_LENGTH_PENALTY = 0.1;
const PATH_LENGTH_PENALTY = 0.05;
/** Recently opened files: the most recent gets this much, falling off with age. */
const RECENT_BONUS = 40;

/** Longest stretch of a path that is scored (its end: the name is there). Longer paths are rare. */
const MAX_SCORED_CHARS = 512;
const MAX_TERM_CHARS = 64;

const NEG = -1e9;
/** Match places one alignment may hold (term length × scored path length, bounded). */
const SCRATCH = MAX_TERM_CHARS * MAX_SCORED_CHARS;

export class FuzzyIndex {
  readonly size: number;
  private readonly lower: string[];
  private readonly nameStart: Int32Array;
  private readonly masks: Uint32Array;
  /** Paths by depth then name: what an empty query lists after the recent files. */
  private shallowOrder: Int32Array | null = null;
  private last: { query: string; candidates: Int32Array } | null = null;

  // Work arrays reused by every alignment: match places, their scores and back links, row by row.
  private readonly pos = new Int32Array(SCRATCH);
  private readonly score = new Float64Array(SCRATCH);
  private readonly back = new Int32Array(SCRATCH);
  private readonly rowStart = new Int32Array(MAX_TERM_CHARS);

  constructor(private readonly paths: readonly string[]) {
    this.size = paths.length;
    this.lower = new Array<string>(paths.length);
    this.nameStart = new Int32Array(paths.length);
    this.masks = new Uint32Array(paths.length);
    for (let i = 0; i < paths.length; i++) {
      const p = paths[i]!;
      const l = p.toLowerCase();
      this.lower[i] = l;
      this.nameStart[i] = p.lastIndexOf('/') + 1;
      this.masks[i] = charMask(l);
    }
  }

  path(index: number): string {
    return this.paths[index]!;
  }

  /** Runs a throwaway query so the engine has optimised the hot loop before the first real keystroke. */
  warmUp(): void {
    this.query('e', { limit: 10 });
    this.query('es', { limit: 10 });
    this.last = null;
  }

  query(rawQuery: string, options: FuzzyQueryOptions): FuzzyMatch[] {
    const query = rawQuery.replace(/\\/g, '/').trim().toLowerCase();
    const recentRank = rankOfRecent(options.recent ?? []);
    if (query === '') return this.emptyQuery(options.limit, options.recent ?? []);
    const terms = query.split(/\s+/).filter(Boolean).map((t) => t.slice(0, MAX_TERM_CHARS));
    const queryMask = terms.reduce((m, t) => m | charMask(t), 0);

    // Only the files that matched a shorter version of this query can match it.
    const previous = this.last && query.startsWith(this.last.query) ? this.last.candidates : null;
    const top = new TopK(options.limit);
    const candidates = this.collect(terms, queryMask, previous, recentRank, top);
    this.last = { query, candidates };

    return top.sorted().map(({ index, score }) => {
      const positions = new Set<number>();
      for (const term of terms) this.scoreTerm(term, index, !term.includes('/') && isSubsequence(term, this.lower[index]!, this.nameStart[index]!), positions);
      return { index, path: this.paths[index]!, score: Math.round(score * 10) / 10, positions: [...positions].sort((a, b) => a - b) };
    });
  }

  /**
   * The hot loop, kept in its own small function so the engine optimises it once and keeps it:
   * rejects by mask and subsequence, bounds each survivor's best possible score, and scores only
   * those that could still enter the list. Returns every file that matched (for the next keystroke).
   */
  private collect(terms: string[], queryMask: number, previous: Int32Array | null, recentRank: Map<string, number>, top: TopK): Int32Array {
    const count = previous ? previous.length : this.size;
    const candidates = new Int32Array(count);
    let kept = 0;
    const termCount = terms.length;
    // The best score a term could reach, in the name and across folders: once the list is full, a
    // file whose best possible score cannot enter it is not scored at all (most files, for most queries).
    const nameBound = new Float64Array(termCount);
    const pathBound = new Float64Array(termCount);
    const hasSlash = new Uint8Array(termCount);
    const inName = new Uint8Array(termCount);
    for (let t = 0; t < termCount; t++) {
      pathBound[t] = maxScore(terms[t]!.length);
      nameBound[t] = pathBound[t]! + NAME_MATCH_BONUS;
      hasSlash[t] = terms[t]!.includes('/') ? 1 : 0;
    }
    const masks = this.masks;
    const lowers = this.lower;
    const nameStarts = this.nameStart;
    const single = termCount === 1 ? terms[0]! : null;
    // The list's entry bar, kept in locals: read on every file, changed only when a file enters.
    let full = top.full();
    let floor = top.floor();
    for (let c = 0; c < count; c++) {
      const i = previous ? previous[c]! : c;
      if ((masks[i]! & queryMask) !== queryMask) continue;
      const lower = lowers[i]!;
      const nameStart = nameStarts[i]!;
      let bound = 0;
      if (single !== null) {
        // One term (the usual case), without the per-term arrays.
        if (hasSlash[0] === 0 && isSubsequence(single, lower, nameStart)) {
          inName[0] = 1;
          bound = nameBound[0]! + (lower.startsWith(single, nameStart) ? NAME_PREFIX_BONUS : 0) - (lower.length - nameStart) * NAME_LENGTH_PENALTY;
        } else if (isSubsequence(single, lower, 0)) {
          inName[0] = 0;
          bound = pathBound[0]! - lower.length * PATH_LENGTH_PENALTY;
        } else {
          continue;
        }
      } else {
        // Each term must fit in the name (checked first: the common case) or else in the whole path.
        let ok = true;
        for (let t = 0; t < termCount; t++) {
          const term = terms[t]!;
          if (hasSlash[t] === 0 && isSubsequence(term, lower, nameStart)) {
            inName[t] = 1;
            bound += nameBound[t]! + (lower.startsWith(term, nameStart) ? NAME_PREFIX_BONUS : 0) - (lower.length - nameStart) * NAME_LENGTH_PENALTY;
          } else if (isSubsequence(term, lower, 0)) {
            inName[t] = 0;
            bound += pathBound[t]! - lower.length * PATH_LENGTH_PENALTY;
          } else {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
      }
      candidates[kept++] = i;
      let recentBonus = 0;
      if (recentRank.size > 0) {
        const r = recentRank.get(this.paths[i]!);
        if (r !== undefined) recentBonus = RECENT_BONUS * (1 - r / (recentRank.size + 1));
      }
      if (full && bound + recentBonus < floor) continue;
      let score = recentBonus;
      for (let t = 0; t < termCount; t++) score += this.scoreTerm(terms[t]!, i, inName[t] === 1, null);
      top.offer(i, score, this.paths[i]!);
      full = top.full();
      floor = top.floor();
    }
    return candidates.subarray(0, kept);
  }

  /** Recent files first (those still present), then the shallowest files. */
  private emptyQuery(limit: number, recent: readonly string[]): FuzzyMatch[] {
    const out: FuzzyMatch[] = [];
    const seen = new Set<string>();
    const indexOf = recent.length ? new Map(this.paths.map((p, i) => [p, i])) : null;
    for (const p of recent) {
      if (out.length >= limit) return out;
      const i = indexOf?.get(p);
      if (i === undefined || seen.has(p)) continue;
      seen.add(p);
      out.push({ index: i, path: p, score: 0, positions: [] });
    }
    const order = this.shallow();
    for (let k = 0; k < order.length && out.length < limit; k++) {
      const i = order[k]!;
      const p = this.paths[i]!;
      if (!seen.has(p)) out.push({ index: i, path: p, score: 0, positions: [] });
    }
    return out;
  }

  private shallow(): Int32Array {
    if (!this.shallowOrder) {
      const depth = (p: string) => {
        let d = 0;
        for (let k = 0; k < p.length; k++) if (p.charCodeAt(k) === 47) d++;
        return d;
      };
      const order = Array.from({ length: this.size }, (_, i) => i);
      const depths = this.paths.map(depth);
      order.sort((a, b) => depths[a]! - depths[b]! || (this.lower[a]! < this.lower[b]! ? -1 : this.lower[a]! > this.lower[b]! ? 1 : 0));
      this.shallowOrder = Int32Array.from(order);
    }
    return this.shallowOrder;
  }

  /**
   * Score of one term against path `i`: inside the file name when it fits there (`inName`, with the
   * name bonus), else across the whole path. With `positions`, also records which characters matched.
   */
  private scoreTerm(term: string, i: number, inName: boolean, positions: Set<number> | null): number {
    const lower = this.lower[i]!;
    const original = this.paths[i]!;
    const nameStart = this.nameStart[i]!;
    if (inName) {
      let score = this.align(term, lower, original, nameStart, positions) + NAME_MATCH_BONUS;
      if (lower.startsWith(term, nameStart)) score += NAME_PREFIX_BONUS;
      // Shorter names are closer matches ("app.ts" over "application-settings.ts").
      return score - (lower.length - nameStart) * NAME_LENGTH_PENALTY;
    }
    const from = Math.max(0, lower.length - MAX_SCORED_CHARS);
    // Folder matches: shorter paths first, a little.
    return this.align(term, lower, original, from, positions) - lower.length * PATH_LENGTH_PENALTY;
  }

  /**
   * The best alignment of `term` in `lower[from..]` (a subsequence is known to exist there).
   * Sparse dynamic programming: row i holds only the places where the term's i-th character occurs,
   * each with the best score of a match of term[0..i] ending there. A gap's cost grows linearly, so
   * the best gapped predecessor is a running maximum over the previous row (two pointers).
   */
  private align(term: string, lower: string, original: string, from: number, positions: Set<number> | null): number {
    const m = term.length;
    const pos = this.pos;
    const score = this.score;
    const back = this.back;
    const rowStart = this.rowStart;
    let fill = 0;
    let prevStart = 0;
    let prevEnd = 0;
    for (let i = 0; i < m; i++) {
      rowStart[i] = fill;
      const ch = term[i]!;
      // The earliest place this character can match: after the previous row's first match.
      let at = lower.indexOf(ch, i === 0 ? from : pos[prevStart]! + 1);
      let k = prevStart; // pointer into the previous row
      let gapBest = NEG; // max over previous-row matches k <= at-2 of score[k] - pos[k] * GAP_EXTENSION
      let gapFrom = -1;
      while (at >= 0 && fill < SCRATCH) {
        const b = bonusAt(original, at);
        let best = NEG;
        let link = -1;
        if (i === 0) {
          best = SCORE_MATCH + b * FIRST_CHAR_MULTIPLIER;
        } else {
          while (k < prevEnd && pos[k]! <= at - 2) {
            const v = score[k]! - pos[k]! * GAP_EXTENSION;
            if (v > gapBest) {
              gapBest = v;
              gapFrom = k;
            }
            k++;
          }
          if (gapBest > NEG) {
            best = gapBest + GAP_START + (at - 2) * GAP_EXTENSION + SCORE_MATCH + b;
            link = gapFrom;
          }
          if (k < prevEnd && pos[k] === at - 1) {
            const consecutive = score[k]! + SCORE_MATCH + (b > BONUS_CONSECUTIVE ? b : BONUS_CONSECUTIVE);
            if (consecutive >= best) {
              best = consecutive;
              link = k;
            }
          }
        }
        if (best > NEG) {
          pos[fill] = at;
          score[fill] = best;
          back[fill] = link;
          fill++;
        }
        at = lower.indexOf(ch, at + 1);
      }
      // Cannot happen for a known subsequence; stay safe anyway.
      if (fill === rowStart[i]) return NEG;
      prevStart = rowStart[i]!;
      prevEnd = fill;
    }
    let bestScore = NEG;
    let bestAt = -1;
    for (let r = prevStart; r < prevEnd; r++) {
      if (score[r]! > bestScore) {
        bestScore = score[r]!;
        bestAt = r;
      }
    }
    if (positions) {
      for (let r = bestAt; r >= 0; r = back[r]!) positions.add(pos[r]!);
    }
    return bestScore;
  }
}

/** The most a term of this length can score: every character matched at a folder start, in one run. */
function maxScore(length: number): number {
  return length * SCORE_MATCH + BONUS_SEPARATOR * FIRST_CHAR_MULTIPLIER + Math.max(0, length - 1) * Math.max(BONUS_SEPARATOR, BONUS_CONSECUTIVE);
}

function bonusAt(s: string, j: number): number {
  // The start of the path starts a name, like a character after "/": top-level files rank alike.
  if (j === 0) return BONUS_SEPARATOR;
  const prev = s.charCodeAt(j - 1);
  const cur = s.charCodeAt(j);
  if (prev === 47 /* / */ || prev === 92 /* \ */) return BONUS_SEPARATOR;
  if (prev === 95 /* _ */ || prev === 45 /* - */ || prev === 46 /* . */ || prev === 32 /* space */) return BONUS_BOUNDARY;
  const prevLower = prev >= 97 && prev <= 122;
  const curUpper = cur >= 65 && cur <= 90;
  const prevLetter = prevLower || (prev >= 65 && prev <= 90);
  const curDigit = cur >= 48 && cur <= 57;
  if ((prevLower && curUpper) || (prevLetter && curDigit)) return BONUS_CAMEL;
  return 0;
}

function isSubsequence(term: string, s: string, from: number): boolean {
  let pos = from;
  for (let k = 0; k < term.length; k++) {
    pos = s.indexOf(term[k]!, pos);
    if (pos < 0) return false;
    pos++;
  }
  return true;
}

/** One bit per letter, one for digits, one for each common separator, one for anything else. */
function charMask(s: string): number {
  let mask = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 97 && c <= 122) mask |= 1 << (c - 97);
    else if (c >= 48 && c <= 57) mask |= 1 << 26;
    else if (c === 46) mask |= 1 << 27;
    else if (c === 95 || c === 45) mask |= 1 << 28;
    else if (c === 47) mask |= 1 << 29;
    else if (c !== 32) mask |= 1 << 30;
  }
  return mask >>> 0;
}

function rankOfRecent(recent: readonly string[]): Map<string, number> {
  const rank = new Map<string, number>();
  recent.forEach((p, r) => {
    if (!rank.has(p)) rank.set(p, r);
  });
  return rank;
}

/** Keeps the best `k` offers: a min-heap on (score, then shorter path, then name order). */
class TopK {
  private readonly heap: { index: number; score: number; path: string }[] = [];
  constructor(private readonly k: number) {}

  offer(index: number, score: number, path: string): void {
    if (this.heap.length < this.k) {
      this.heap.push({ index, score, path });
      this.up(this.heap.length - 1);
    } else if (this.k > 0 && betterThan(score, path, this.heap[0]!)) {
      this.heap[0] = { index, score, path };
      this.down(0);
    }
  }

  full(): boolean {
    return this.heap.length >= this.k;
  }

  /** The score an offer must beat to enter (the worst kept). */
  floor(): number {
    return this.heap[0]?.score ?? -Infinity;
  }

  sorted(): { index: number; score: number }[] {
    return [...this.heap].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!better(h[parent]!, h[i]!)) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && better(h[worst]!, h[l]!)) worst = l;
      if (r < h.length && better(h[worst]!, h[r]!)) worst = r;
      if (worst === i) return;
      [h[worst], h[i]] = [h[i]!, h[worst]!];
      i = worst;
    }
  }
}

function better(a: { score: number; path: string }, b: { score: number; path: string }): boolean {
  return betterThan(a.score, a.path, b);
}

function betterThan(score: number, path: string, b: { score: number; path: string }): boolean {
  if (score !== b.score) return score > b.score;
  if (path.length !== b.path.length) return path.length < b.path.length;
  return path < b.path;
}
