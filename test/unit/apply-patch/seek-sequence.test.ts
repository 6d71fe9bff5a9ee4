import { describe, expect, it } from 'vitest';
import { normalisePunctuation, seekSequence } from '../../../electron/core/agent/apply-patch';

describe('seekSequence', () => {
  it('finds an exact match', () => {
    expect(seekSequence(['foo', 'bar', 'baz'], ['bar', 'baz'], 0, false)).toEqual({ index: 1, pass: 'exact' });
  });

  it('ignores trailing whitespace in the second pass', () => {
    expect(seekSequence(['foo   ', 'bar\t\t'], ['foo', 'bar'], 0, false)).toEqual({ index: 0, pass: 'trim-end' });
  });

  it('ignores leading and trailing whitespace in the third pass', () => {
    expect(seekSequence(['    foo   ', '   bar\t'], ['foo', 'bar'], 0, false)).toEqual({ index: 0, pass: 'trim' });
  });

  it('normalises typographic punctuation only in the fourth pass', () => {
    const file = ['const title = “Tandem — a teammate”;', 'it’s\u00A0here'];
    const pattern = ['const title = "Tandem - a teammate";', "it's here"];
    expect(seekSequence(file, pattern, 0, false)).toEqual({ index: 0, pass: 'unicode' });
    // Without the fourth pass these lines would not match at all.
    expect(file.map((l) => l.trim())).not.toEqual(pattern.map((l) => l.trim()));
  });

  it('prefers a stricter match later in the file over a looser one earlier', () => {
    expect(seekSequence(['  x', 'y', 'x', 'y'], ['x', 'y'], 0, false)).toEqual({ index: 2, pass: 'exact' });
  });

  it('searches from the start index onwards', () => {
    expect(seekSequence(['a', 'b', 'a', 'b'], ['a'], 1, false)).toEqual({ index: 2, pass: 'exact' });
    expect(seekSequence(['a', 'b'], ['a'], 1, false)).toBeUndefined();
  });

  it('anchors an end-of-file pattern at the end', () => {
    expect(seekSequence(['x', 'end', 'x', 'end'], ['x', 'end'], 0, true)).toEqual({ index: 2, pass: 'exact' });
    expect(seekSequence(['x', 'end', 'x', 'end  '], ['x', 'end'], 0, true)).toEqual({ index: 2, pass: 'trim-end' });
  });

  it('falls back to a forward search when an end-of-file pattern is not at the end', () => {
    expect(seekSequence(['x', 'end', 'more'], ['x', 'end'], 0, true)).toEqual({ index: 0, pass: 'exact' });
  });

  it('matches an empty pattern at the start index', () => {
    expect(seekSequence(['a'], [], 1, false)).toEqual({ index: 1, pass: 'exact' });
  });

  it('returns nothing for a pattern longer than the file', () => {
    expect(seekSequence(['just one line'], ['too', 'many', 'lines'], 0, false)).toBeUndefined();
  });

  it('returns nothing when no pass matches', () => {
    expect(seekSequence(['alpha', 'beta'], ['gamma'], 0, false)).toBeUndefined();
  });
});

describe('normalisePunctuation', () => {
  it('maps dashes, quotes and odd spaces to ASCII and leaves the rest alone', () => {
    expect(normalisePunctuation('a‐b‑c‒d–e—f―g−h')).toBe('a-b-c-d-e-f-g-h');
    expect(normalisePunctuation('‘single’ ‚low‛ “double” „low‟')).toBe('\'single\' \'low\' "double" "low"');
    expect(normalisePunctuation('a\u00A0b\u2009c\u3000d\u202Fe')).toBe('a b c d e');
    expect(normalisePunctuation('naïve café ✅')).toBe('naïve café ✅');
  });
});
