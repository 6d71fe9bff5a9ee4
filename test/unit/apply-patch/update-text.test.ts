import { describe, expect, it } from 'vitest';
import { PatchError, parsePatch, updateText, type UpdateChunk } from '../../../electron/core/agent/apply-patch';

/** The chunks of a one-file update patch written as its body lines. */
function chunks(...body: string[]): UpdateChunk[] {
  const [hunk] = parsePatch(['*** Begin Patch', '*** Update File: f.txt', ...body, '*** End Patch'].join('\n')).hunks;
  if (hunk?.type !== 'update') throw new Error('expected an update hunk');
  return hunk.chunks;
}

function updateError(original: string, body: string[]): PatchError {
  try {
    updateText(original, chunks(...body), 'f.txt');
  } catch (error) {
    expect(error).toBeInstanceOf(PatchError);
    return error as PatchError;
  }
  throw new Error('expected the update to fail');
}

describe('updateText', () => {
  it('replaces the removed lines with the added ones', () => {
    expect(updateText('a\nb\nc\n', chunks('@@', ' a', '-b', '+B', ' c'), 'f.txt')).toBe('a\nB\nc\n');
  });

  it('applies several chunks in order', () => {
    const original = 'l1\nl2\nl3\nl4\nl5\n';
    expect(updateText(original, chunks('@@', '-l2', '+two', '@@', '-l4', '+four'), 'f.txt')).toBe('l1\ntwo\nl3\nfour\nl5\n');
  });

  it('uses the @@ context line to pick the right occurrence', () => {
    const original = 'def a():\n    return 1\ndef b():\n    return 1\n';
    expect(updateText(original, chunks('@@ def b():', '-    return 1', '+    return 2'), 'f.txt')).toBe(
      'def a():\n    return 1\ndef b():\n    return 2\n',
    );
  });

  it('searches each chunk after the previous one', () => {
    const original = 'x\ny\nx\ny\n';
    expect(updateText(original, chunks('@@', '-x', '+X1', '@@', '-x', '+X2'), 'f.txt')).toBe('X1\ny\nX2\ny\n');
  });

  it('appends a pure addition without context at the end of the file', () => {
    expect(updateText('line1\nline2\n', chunks('@@', '+added'), 'f.txt')).toBe('line1\nline2\nadded\n');
  });

  it('inserts a pure addition right after its @@ context line', () => {
    expect(updateText('class A:\n    pass\nclass B:\n    pass\n', chunks('@@ class A:', '+    x = 1'), 'f.txt')).toBe(
      'class A:\n    x = 1\n    pass\nclass B:\n    pass\n',
    );
  });

  it('anchors an *** End of File chunk at the end of the file', () => {
    const original = 'end\nmiddle\nend\n';
    expect(updateText(original, chunks('@@', '-end', '+END', '*** End of File'), 'f.txt')).toBe('end\nmiddle\nEND\n');
  });

  it('adds a trailing newline to a file that had none', () => {
    expect(updateText('no newline at end', chunks('@@', '-no newline at end', '+first', '+second'), 'f.txt')).toBe(
      'first\nsecond\n',
    );
  });

  it('ends an unterminated last line that the patch left alone', () => {
    expect(updateText('a\nlast', chunks('@@', '-a', '+A'), 'f.txt')).toBe('A\nlast\n');
  });

  it('appends after an unterminated last line without gluing the lines together', () => {
    expect(updateText('a\nb', chunks('@@', '+c'), 'f.txt')).toBe('a\nb\nc\n');
  });

  it('keeps CRLF line endings, for changed and untouched lines alike', () => {
    expect(updateText('a\r\nb\r\nc\r\n', chunks('@@', '-b', '+B', '+B2'), 'f.txt')).toBe('a\r\nB\r\nB2\r\nc\r\n');
  });

  it('keeps a UTF-8 byte order mark and matches the first line despite it', () => {
    expect(updateText('\uFEFFfirst\nsecond\n', chunks('@@', '-first', '+FIRST'), 'f.txt')).toBe('\uFEFFFIRST\nsecond\n');
  });

  it('matches context that differs only in typographic punctuation', () => {
    expect(updateText('say “hi” — now\n', chunks('@@', '-say "hi" - now', '+say hello'), 'f.txt')).toBe('say hello\n');
  });

  it('retries without trailing blank lines that stand for the final newline', () => {
    expect(updateText('a\nb\n', chunks('@@', ' a', '-b', '+c', ''), 'f.txt')).toBe('a\nc\n');
  });

  it('deletes lines', () => {
    expect(updateText('line1\nline2\nline3\n', chunks('@@', ' line1', '-line2', ' line3'), 'f.txt')).toBe('line1\nline3\n');
  });

  it('reports lines it cannot find, naming the file and the lines', () => {
    expect(updateError('line1\nline2\n', ['@@', '-missing', '+changed'])).toMatchObject({
      code: 'context-not-found',
      message: 'Failed to find expected lines in f.txt:\nmissing',
    });
  });

  it('reports an @@ context line it cannot find', () => {
    expect(updateError('a\n', ['@@ def nowhere():', '-a', '+b']).message).toBe("Failed to find context 'def nowhere():' in f.txt");
  });
});
