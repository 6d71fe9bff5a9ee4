/*
 * Keeps a command's output within a byte budget: the first half and the last half are kept, the middle
 * is dropped and counted. The start says what the command did, the end how it finished; a flood of
 * progress lines in between is what the model can do without.
 */

export class HeadTailCapture {
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private totalBytes = 0;

  constructor(capBytes: number) {
    if (!Number.isInteger(capBytes) || capBytes < 2) throw new Error(`The output cap must be an integer of at least 2 bytes (got ${capBytes}).`);
    this.headLimit = Math.floor(capBytes / 2);
    this.tailLimit = capBytes - this.headLimit;
  }

  push(chunk: Buffer): void {
    this.totalBytes += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const take = Math.min(this.headLimit - this.headBytes, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    this.tail.push(rest);
    this.tailBytes += rest.length;
    while (this.tailBytes > this.tailLimit) {
      const first = this.tail[0] as Buffer;
      const excess = this.tailBytes - this.tailLimit;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
      }
    }
  }

  get total(): number {
    return this.totalBytes;
  }

  /** The output as text, with `[… N bytes elided …]` where the middle was dropped. */
  text(): string {
    const head = Buffer.concat(this.head);
    const tail = Buffer.concat(this.tail);
    if (this.headBytes + this.tailBytes === this.totalBytes) return Buffer.concat([head, tail]).toString('utf8');
    // Cut on character boundaries: a UTF-8 sequence split by the cap is dropped (and counted) whole.
    const headEnd = completeUtf8Prefix(head);
    const tailStart = firstCharStart(tail);
    const elided = this.totalBytes - headEnd - (tail.length - tailStart);
    return `${head.subarray(0, headEnd).toString('utf8')}\n[… ${elided.toLocaleString('en-US')} bytes elided …]\n${tail.subarray(tailStart).toString('utf8')}`;
  }
}

/** Length of the longest prefix that does not end inside a multi-byte UTF-8 sequence. */
function completeUtf8Prefix(bytes: Buffer): number {
  let i = bytes.length;
  let continuation = 0;
  while (i > 0 && continuation < 4) {
    const byte = bytes[i - 1] as number;
    if ((byte & 0xc0) !== 0x80) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return needed === continuation + 1 ? bytes.length : i - 1;
    }
    continuation += 1;
    i -= 1;
  }
  return bytes.length;
}

/** Index of the first byte that starts a character (skips a sequence cut at the front). */
function firstCharStart(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length && i < 3 && ((bytes[i] as number) & 0xc0) === 0x80) i += 1;
  return i;
}
