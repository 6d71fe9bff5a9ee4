/** The AI review's pure parts: reading the model's JSON (also inside prose), anchoring findings on diff lines, markers. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorFinding } from '../../../electron/core/review/ai-review/anchor';
import { extractFirstJsonObject, parseModelReview, taggedTitle } from '../../../electron/core/review/ai-review/model-output';
import { parseGitDiff } from '../../../electron/core/review/diff-model';
import { turnEvidence, turnImages } from '../../../renderer/src/features/review/evidence';
import { findingMarks } from '../../../renderer/src/features/review/findings';
import type { ReviewFinding } from '../../../shared/contract';

const modify = () => parseGitDiff(fs.readFileSync(path.join(__dirname, '../../fixtures/diffs', 'modify.diff'), 'utf8'), 'unstaged');

describe('reading the model’s answer', () => {
  it('takes the first balanced JSON object, skipping braces in strings and prose that is not JSON', () => {
    expect(extractFirstJsonObject('{"a": "}{"}')).toBe('{"a": "}{"}');
    expect(extractFirstJsonObject('Here {of sorts}: {"a": {"b": 1}} and {"c": 2}')).toBe('{"a": {"b": 1}}');
    expect(extractFirstJsonObject('no json here')).toBeNull();
    expect(extractFirstJsonObject('{"open": ')).toBeNull();
  });

  it('says what is wrong with an answer of the wrong shape', () => {
    expect(() => parseModelReview('{"verdict": "looks_good", "explanation": "ok", "findings": [{"title": "x"}]}')).toThrow(/findings\.0\.body/);
    expect(() => parseModelReview('{"verdict": ')).toThrow(/held no JSON review/);
  });

  it('tags every title with its priority, whatever the model wrote', () => {
    expect(taggedTitle('[P3] Nit', 1)).toBe('[P1] Nit');
    expect(taggedTitle('Crash on empty input', 0)).toBe('[P0] Crash on empty input');
  });
});

describe('anchoring findings', () => {
  it('keeps lines the diff shows, moves others to the nearest hunk, and keeps unknown paths at file level', () => {
    const files = modify();
    const f = files[0]!;
    const added = f.hunks[0]!.lines.find((l) => l.kind === 'add')!;
    expect(anchorFinding({ files }, { path: f.path, side: 'new', startLine: added.newNo!, endLine: added.newNo! })).toMatchObject({ anchor: 'lines', fileId: f.id, startLine: added.newNo });
    const far = anchorFinding({ files }, { path: f.path, side: 'new', startLine: 100_000, endLine: 100_002 });
    expect(far.anchor).toBe('hunk');
    expect(anchorFinding({ files }, { path: 'nowhere.c', side: 'new', startLine: 3, endLine: 1 })).toMatchObject({ anchor: 'file', fileId: null, startLine: 1, endLine: 3 });
  });

  it('marks each line of an open finding with its most urgent priority', () => {
    const base: ReviewFinding = { id: 'a', title: '[P2] x', body: '', priority: 2, confidence: 1, path: 'p', side: 'new', startLine: 3, endLine: 4, anchor: 'lines', fileId: 'F', fileVersion: 'v1', status: 'open' };
    const marks = findingMarks([base, { ...base, id: 'b', priority: 0, startLine: 4, endLine: 4 }, { ...base, id: 'c', priority: 0, startLine: 3, endLine: 3, status: 'dismissed' }]);
    expect([...marks]).toEqual([
      ['F:n3', 2],
      ['F:n4', 0],
    ]);
  });
});

describe('evidence of a turn', () => {
  const item = (id: string, turnId: string | null, data: object, type = 'commandExecution') => ({ id, threadId: 't', turnId, seq: 0, type, data, createdAt: 0 });
  it('lists the turn’s commands with exit codes and the last output line, and nothing from other turns', () => {
    const entries = turnEvidence(
      [
        item('1', 'T', { command: 'npm test', exitCode: 0, output: 'ok\n 12 passed\n\n', timedOut: false, reason: null }),
        item('2', 'T', { command: 'npm run lint', exitCode: 1, output: '3 problems', timedOut: false, reason: null }),
        item('3', 'T', { command: 'rm -rf /', exitCode: null, output: '', timedOut: false, reason: 'declined by the user' }),
        item('4', 'other', { command: 'make', exitCode: 0, output: '', timedOut: false, reason: null }),
        item('5', 'T', { text: 'hi' }, 'agentMessage'),
      ],
      'T',
    );
    expect(entries.map((e) => [e.command, e.outcome, e.summary])).toEqual([
      ['npm test', 'passed', '12 passed'],
      ['npm run lint', 'failed', '3 problems'],
      ['rm -rf /', 'not_run', 'declined by the user'],
    ]);
  });

  it('lists the images the turn’s agent looked at, once each, skipping failed views and other turns', () => {
    const view = (id: string, turnId: string, path: string, status = 'completed') => item(id, turnId, { path, status, reason: null }, 'imageView');
    const images = turnImages(
      [
        view('1', 'T', '/repo/artifacts/home.png'),
        view('2', 'T', '/repo/missing.png', 'failed'),
        view('3', 'other', '/repo/other.png'),
        view('4', 'T', '/repo/artifacts/home.png'),
        view('5', 'T', 'C:\\work\\shot.jpg'),
      ],
      'T',
    );
    expect(images.map((i) => [i.folder, i.name])).toEqual([
      ['/repo/artifacts', 'home.png'],
      ['C:\\work', 'shot.jpg'],
    ]);
  });
});
