/** Predictable ids (`resp_fake_1`, `call_fake_2`, …) so tests can assert on them; one source per server. */
export class IdSource {
  private next = 0;

  id(prefix: string): string {
    this.next += 1;
    return `${prefix}_fake_${this.next}`;
  }
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A rough token count (about four characters per token) for usage figures no test scripted. */
export function estimateTokens(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Splits text into word-sized pieces with their leading whitespace, as model tokens arrive (" world"). */
export function wordPieces(text: string): string[] {
  return text.match(/\s*\S+|\s+$/gu) ?? [];
}

/** Splits a string into pieces of at most `size` code points (never inside a surrogate pair). */
export function fixedPieces(text: string, size: number): string[] {
  const chars = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
}
