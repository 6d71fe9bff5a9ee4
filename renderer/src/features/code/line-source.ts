/**
 * A file's lines as the viewer needs them: fetched from the core in pages around what is on screen,
 * kept in a bounded cache (a 1,000,000-line file never lives in the page whole), and reported when a
 * read shows the file changed underneath.
 */
import { CODE_LIMITS } from '../../../../shared/contract';
import type { TandemClient } from '../../api/client';

const PAGE_LINES = 1_000;
/** Pages kept: 60,000 lines around where the user has been. */
const MAX_PAGES = 60;
const MAX_CONCURRENT = 3;

interface Page {
  lines: string[];
  cut: Set<number>;
}

export interface LineSourceOptions {
  client: TandemClient;
  root: string;
  path: string;
  version: string;
  lineCount: number;
  /** A read returned another version: the file changed on disk. */
  onStale(): void;
}

export class LineSource {
  private readonly pages = new Map<number, Page>();
  private readonly pending = new Set<number>();
  private readonly queue: number[] = [];
  private readonly listeners = new Set<() => void>();
  private inFlight = 0;
  private disposed = false;
  private failure: string | null = null;
  private changes = 0;
  /** The page at the viewport: eviction keeps what is nearest to it. */
  private centre = 0;

  constructor(private readonly options: LineSourceOptions) {}

  get lineCount(): number {
    return this.options.lineCount;
  }

  /** Changes whenever lines arrive or a read fails (a snapshot for React). */
  get revision(): number {
    return this.changes;
  }

  /** The last error a read met (shown instead of lines that never came). */
  get error(): string | null {
    return this.failure;
  }

  /** Line `index` (0-based), or undefined while its page is loading. */
  get(index: number): string | undefined {
    const page = this.pages.get(Math.floor(index / PAGE_LINES));
    return page?.lines[index % PAGE_LINES];
  }

  isCut(index: number): boolean {
    return this.pages.get(Math.floor(index / PAGE_LINES))?.cut.has(index % PAGE_LINES) ?? false;
  }

  /** Asks for the pages covering [first, end) and one page on either side. */
  ensure(first: number, end: number): void {
    const from = Math.max(0, Math.floor(first / PAGE_LINES) - 1);
    const to = Math.min(Math.ceil(this.options.lineCount / PAGE_LINES) - 1, Math.floor(Math.max(first, end - 1) / PAGE_LINES) + 1);
    // Nearest to the viewport first.
    const wanted: number[] = [];
    for (let p = from; p <= to; p++) if (!this.pages.has(p) && !this.pending.has(p)) wanted.push(p);
    const centre = Math.floor(first / PAGE_LINES);
    this.centre = centre;
    wanted.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre));
    for (const p of wanted) {
      this.pending.add(p);
      this.queue.push(p);
    }
    this.pump();
  }

  /** Every line (for files small enough to colour); resolves once all are here. */
  async loadAll(): Promise<string[]> {
    const lines: string[] = [];
    for (let start = 1; start <= this.options.lineCount; start += CODE_LIMITS.maxReadLines) {
      const chunk = await this.read(start, Math.min(this.options.lineCount, start + CODE_LIMITS.maxReadLines - 1));
      if (!chunk) return lines;
      lines.push(...chunk.lines);
      // Fill the page cache too, so rendering never asks again.
      for (let i = 0; i < chunk.lines.length; i += PAGE_LINES) {
        const index = start - 1 + i;
        if (index % PAGE_LINES === 0) {
          const cut = new Set(chunk.cut.filter((c) => c >= i && c < i + PAGE_LINES).map((c) => c - i));
          this.pages.set(index / PAGE_LINES, { lines: chunk.lines.slice(i, i + PAGE_LINES), cut });
        }
      }
    }
    this.emit();
    return lines;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private pump(): void {
    while (this.inFlight < MAX_CONCURRENT && this.queue.length > 0) {
      const page = this.queue.shift()!;
      this.inFlight++;
      const start = page * PAGE_LINES + 1;
      void this.read(start, Math.min(this.options.lineCount, start + PAGE_LINES - 1))
        .then((chunk) => {
          if (chunk) {
            this.pages.set(page, { lines: chunk.lines, cut: new Set(chunk.cut) });
            this.evict();
            this.emit();
          }
        })
        .finally(() => {
          this.pending.delete(page);
          this.inFlight--;
          if (!this.disposed) this.pump();
        });
    }
  }

  private async read(startLine: number, endLine: number): Promise<{ lines: string[]; cut: number[] } | null> {
    if (this.disposed) return null;
    try {
      const result = await this.options.client.invoke('code.read', { root: this.options.root, path: this.options.path, startLine, endLine });
      if (this.disposed) return null;
      if (result.version !== this.options.version) {
        this.options.onStale();
        return null;
      }
      this.failure = null;
      return { lines: result.lines, cut: result.cut };
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      this.emit();
      return null;
    }
  }

  /** Keeps the cache bounded: drops the pages farthest from the viewport. */
  private evict(): void {
    if (this.pages.size <= MAX_PAGES) return;
    const near = this.centre;
    const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near));
    for (const p of far.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(p);
  }

  private emit(): void {
    if (this.disposed) return;
    this.changes++;
    for (const l of [...this.listeners]) l();
  }
}
