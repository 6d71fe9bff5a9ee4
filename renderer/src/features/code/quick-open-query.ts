/** What the quick-open field holds: a fuzzy query, optionally with ":line" or ":line:column" after it. */

/** "src/app.ts:42:7" → the file part and the position. */
export function splitLineSuffix(query: string): { query: string; line: number | null; column: number | null } {
  const m = /^(.*?)(?::(\d+)(?::(\d+))?)?:?\s*$/.exec(query);
  if (!m) return { query, line: null, column: null };
  return { query: m[1]!, line: m[2] ? Number(m[2]) : null, column: m[3] ? Number(m[3]) : null };
}
