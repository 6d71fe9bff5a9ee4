import { describe, expect, it } from 'vitest';
import type { ReviewFinding } from '../../../shared/contract';
import { staleness } from '../../../renderer/src/features/review/findings';

const finding = (id: string, fileId: string | null, fileVersion: string | null): ReviewFinding => ({
  id,
  title: '[P2] x',
  body: '',
  priority: 2,
  confidence: 0.9,
  path: 'a.ts',
  side: 'new',
  startLine: 1,
  endLine: 1,
  anchor: fileId ? 'lines' : 'file',
  fileId,
  fileVersion,
  status: 'open',
});

describe('staleness of a stored AI review', () => {
  const result = { reviewedFiles: { A: 'a1', B: 'b1' }, findings: [finding('f1', 'A', 'a1'), finding('f2', 'B', 'b1'), finding('f3', null, null)] };

  it('is fresh when the diff has exactly the reviewed files at the reviewed versions', () => {
    const s = staleness(result, { files: [{ id: 'A', version: 'a1' }, { id: 'B', version: 'b1' }] as never });
    expect(s.changed).toBe(false);
    expect([...s.stale]).toEqual([]);
  });

  it('marks the findings of a changed or vanished file stale, and the review changed', () => {
    const s = staleness(result, { files: [{ id: 'A', version: 'a2' }] as never });
    expect(s.changed).toBe(true);
    expect([...s.stale].sort()).toEqual(['f1', 'f2']);
  });

  it('says the review changed when a new file joined the diff, without making the others stale', () => {
    const s = staleness(result, { files: [{ id: 'A', version: 'a1' }, { id: 'B', version: 'b1' }, { id: 'C', version: 'c1' }] as never });
    expect(s.changed).toBe(true);
    expect([...s.stale]).toEqual([]);
  });
});
