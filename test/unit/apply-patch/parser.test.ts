import { describe, expect, it } from 'vitest';
import { PatchError, parsePatch, type ParsedPatch } from '../../../electron/core/agent/apply-patch';

function parseError(text: string): PatchError {
  try {
    parsePatch(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PatchError);
    return error as PatchError;
  }
  throw new Error('expected the patch to be rejected');
}

const patch = (...lines: string[]): string => ['*** Begin Patch', ...lines, '*** End Patch'].join('\n');

describe('parsePatch', () => {
  it('parses add, delete, and update-with-move hunks', () => {
    const parsed = parsePatch(
      patch(
        '*** Add File: path/add.py',
        '+abc',
        '+def',
        '*** Delete File: path/delete.py',
        '*** Update File: path/update.py',
        '*** Move to: path/update2.py',
        '@@ def f():',
        '-    pass',
        '+    return 123',
      ),
    );
    expect(parsed).toEqual<ParsedPatch>({
      hunks: [
        { type: 'add', path: 'path/add.py', contents: 'abc\ndef\n', line: 2 },
        { type: 'delete', path: 'path/delete.py', line: 5 },
        {
          type: 'update',
          path: 'path/update.py',
          movePath: 'path/update2.py',
          line: 6,
          chunks: [{ context: 'def f():', oldLines: ['    pass'], newLines: ['    return 123'], isEndOfFile: false }],
        },
      ],
    });
  });

  it('splits context, removed and added lines into old and new sides, in order', () => {
    const [hunk] = parsePatch(patch('*** Update File: a.txt', '@@', ' keep', '-old', '+new', ' tail')).hunks;
    expect(hunk).toMatchObject({
      chunks: [{ oldLines: ['keep', 'old', 'tail'], newLines: ['keep', 'new', 'tail'], isEndOfFile: false }],
    });
  });

  it('reads several chunks, each introduced by an @@ line', () => {
    const [hunk] = parsePatch(patch('*** Update File: a.txt', '@@ one', '-a', '+b', '', '@@ two', '-c', '+d')).hunks;
    // The blank line stays with the first chunk as an empty context line (as in Codex); applying
    // retries without trailing blank lines when they do not match.
    expect(hunk).toMatchObject({
      chunks: [
        { context: 'one', oldLines: ['a', ''], newLines: ['b', ''] },
        { context: 'two', oldLines: ['c'], newLines: ['d'] },
      ],
    });
  });

  it('treats a bare empty line inside a chunk as an empty context line', () => {
    const [hunk] = parsePatch(patch('*** Update File: a.txt', '@@', ' a', '', '-b', '+c')).hunks;
    expect(hunk).toMatchObject({ chunks: [{ oldLines: ['a', '', 'b'], newLines: ['a', '', 'c'] }] });
  });

  it('marks a chunk followed by *** End of File', () => {
    const [hunk] = parsePatch(patch('*** Update File: a.txt', '@@', '+last', '*** End of File')).hunks;
    expect(hunk).toMatchObject({ chunks: [{ oldLines: [], newLines: ['last'], isEndOfFile: true }] });
  });

  it('accepts a first chunk without its @@ line', () => {
    const [hunk] = parsePatch(patch('*** Update File: file2.py', ' import foo', '+bar')).hunks;
    expect(hunk).toMatchObject({ chunks: [{ oldLines: ['import foo'], newLines: ['import foo', 'bar'] }] });
  });

  it('ends an update hunk at the next file header', () => {
    const { hunks } = parsePatch(patch('*** Update File: file.py', '@@', '+line', '*** Add File: other.py', '+content'));
    expect(hunks.map((h) => h.type)).toEqual(['update', 'add']);
    expect(hunks[1]).toMatchObject({ path: 'other.py', contents: 'content\n' });
  });

  it('adds an empty file for an Add File hunk without lines', () => {
    expect(parsePatch(patch('*** Add File: empty.txt')).hunks[0]).toMatchObject({ contents: '' });
  });

  it('keeps absolute and parent-relative paths as written', () => {
    const { hunks } = parsePatch(patch('*** Delete File: /etc/hosts', '*** Delete File: ../outside.txt'));
    expect(hunks.map((h) => h.path)).toEqual(['/etc/hosts', '../outside.txt']);
  });

  describe('leniency', () => {
    it('tolerates whitespace around the patch markers and hunk headers', () => {
      const text = [' *** Begin Patch ', '  *** Update File: foo.txt  ', '@@', '-old', '+new', '*** End Patch  '].join('\n');
      expect(parsePatch(text).hunks[0]).toMatchObject({ path: 'foo.txt', chunks: [{ oldLines: ['old'] }] });
    });

    it('accepts CRLF line endings and surrounding blank lines', () => {
      const text = `\r\n\r\n${patch('*** Add File: a.txt', '+one', '+two').replace(/\n/g, '\r\n')}\r\n\r\n`;
      expect(parsePatch(text).hunks[0]).toMatchObject({ contents: 'one\ntwo\n' });
    });

    it.each(['<<EOF', "<<'EOF'", '<<"EOF"'])('unwraps a heredoc opened with %s', (opener) => {
      const text = `${opener}\n${patch('*** Add File: a.txt', '+hi')}\nEOF\n`;
      expect(parsePatch(text).hunks).toEqual([{ type: 'add', path: 'a.txt', contents: 'hi\n', line: 3 }]);
    });

    it('rejects a heredoc with mismatched quotes', () => {
      const error = parseError(`<<"EOF'\n${patch('*** Add File: a.txt', '+hi')}\nEOF\n`);
      expect(error.message).toBe("Invalid patch: The first line of the patch must be '*** Begin Patch'");
    });

    it('reports the inner problem of a heredoc-wrapped patch', () => {
      const error = parseError("<<'EOF'\n*** Begin Patch\n*** Update File: a.py\nEOF\n");
      expect(error.message).toBe("Invalid patch: The last line of the patch must be '*** End Patch'");
    });
  });

  describe('errors', () => {
    it('rejects empty text', () => {
      expect(parseError('  \n ')).toMatchObject({ code: 'invalid-patch', message: 'Invalid patch: the patch text is empty' });
    });

    it('requires *** Begin Patch first', () => {
      expect(parseError('bad')).toMatchObject({
        code: 'invalid-patch',
        message: "Invalid patch: The first line of the patch must be '*** Begin Patch'",
      });
    });

    it('requires *** End Patch last', () => {
      expect(parseError('*** Begin Patch\n*** Add File: a\n+x').message).toBe(
        "Invalid patch: The last line of the patch must be '*** End Patch'",
      );
      expect(parseError('*** Begin Patch').message).toBe("Invalid patch: The last line of the patch must be '*** End Patch'");
    });

    it('rejects a patch with no file operations', () => {
      expect(parseError('*** Begin Patch\n*** End Patch')).toMatchObject({ code: 'empty-patch' });
      expect(parseError('*** Begin Patch\n\n*** End Patch').message).toMatch(/contains no file operations/);
    });

    it('names an invalid hunk header and its line', () => {
      const error = parseError(patch('*** Add File: ok.txt', '+fine', '*** Frobnicate File: foo'));
      expect(error).toMatchObject({ code: 'invalid-hunk', line: 4 });
      expect(error.message).toBe(
        "Invalid patch hunk on line 4: '*** Frobnicate File: foo' is not a valid hunk header. " +
          "Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'",
      );
    });

    it('rejects an update hunk without chunks', () => {
      const error = parseError(patch('*** Update File: test.py'));
      expect(error).toMatchObject({ code: 'invalid-hunk', line: 2 });
      expect(error.message).toBe("Invalid patch hunk on line 2: Update file hunk for path 'test.py' is empty");
    });

    it('rejects a chunk with an @@ line and nothing else', () => {
      expect(parseError(patch('*** Update File: a.txt', '@@')).message).toBe(
        'Invalid patch hunk on line 4: Update hunk does not contain any lines',
      );
      expect(parseError(patch('*** Update File: a.txt', '@@', '*** End of File')).message).toMatch(
        /Update hunk does not contain any lines/,
      );
    });

    it('rejects a line that is not context, removal or addition', () => {
      expect(parseError(patch('*** Update File: a.txt', '@@', 'bad')).message).toBe(
        "Invalid patch hunk on line 4: Unexpected line found in update hunk: 'bad'. " +
          "Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)",
      );
    });

    it('requires @@ before every chunk after the first', () => {
      expect(parseError(patch('*** Update File: a.txt', '@@', '-a', '+b', 'stray')).message).toBe(
        "Invalid patch hunk on line 6: Expected update hunk to start with a @@ context marker, got: 'stray'",
      );
    });

    it('rejects a file header without a path', () => {
      expect(parseError(patch('*** Add File: ', '+x')).message).toBe(
        "Invalid patch hunk on line 2: '*** Add File:' is missing the file path",
      );
      expect(parseError(patch('*** Update File: a', '*** Move to: ', '@@', '+x')).message).toMatch(
        /'\*\*\* Move to:' is missing the destination path/,
      );
    });
  });
});
