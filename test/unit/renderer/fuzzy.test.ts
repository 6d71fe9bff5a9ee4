import { describe, expect, it } from 'vitest';
import { fuzzyScore, rank } from '../../../renderer/src/features/commands/fuzzy';

const titles = ['New thread', 'Hide terminal panel', 'Next thread', 'Open settings', 'Switch to dark theme', 'Hide review panel'];

describe('palette ranking', () => {
  it('keeps only texts holding the query’s characters in order', () => {
    expect(fuzzyScore('stg', 'Open settings')).not.toBeNull();
    expect(fuzzyScore('gts', 'Open settings')).toBeNull();
  });

  it('ranks word starts and runs first', () => {
    expect(rank('nt', titles, (t) => t)[0]?.item).toBe('New thread');
    expect(rank('hide rev', titles, (t) => t)[0]?.item).toBe('Hide review panel');
    expect(rank('dark', titles, (t) => t)[0]?.item).toBe('Switch to dark theme');
  });

  it('reports which characters matched, for highlighting', () => {
    expect(fuzzyScore('ns', 'Next settings')?.positions).toEqual([0, 5]);
  });

  it('keeps the original order for an empty query', () => {
    expect(rank('', titles, (t) => t).map((r) => r.item)).toEqual(titles);
  });
});

describe('palette highlighting', () => {
  it('prefers the alignment with a run inside one word', () => {
    expect(fuzzyScore('th', 'Switch to light theme')?.positions).toEqual([16, 17]);
    expect(fuzzyScore('st', 'Open settings')?.positions).toEqual([5, 7]);
  });
});
