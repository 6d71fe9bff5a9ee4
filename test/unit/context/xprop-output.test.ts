// Parsing xprop's output and decoding title bytes by their X type, including COMPOUND_TEXT as
// xterm writes it for a non-Latin title (bytes captured from a real xterm under Xvfb).
import { describe, expect, it } from 'vitest';
import { decodeCompoundText } from '../../../electron/core/context/x11/compound-text';
import { decodeTextProperty, decodeWmClass, parseCardinal, parseWindowId, parseXpropOutput } from '../../../electron/core/context/x11/xprop-output';

const hex = (bytes: number[] | Buffer) => [...bytes].map((b) => `0x${b.toString(16)}`).join(', ');

describe('xprop output', () => {
  it('reads properties, types and "not found"', () => {
    const props = parseXpropOutput(
      [
        `_NET_WM_NAME(UTF8_STRING) = ${hex(Buffer.from('Заголовок "x" é'))}`,
        'WM_NAME:  not found.',
        `WM_CLASS(STRING) = ${hex(Buffer.from('xterm\0KnownClass\0'))}`,
        '_NET_WM_PID(CARDINAL) = 14515',
      ].join('\n'),
    );
    expect([...props.keys()]).toEqual(['_NET_WM_NAME', 'WM_CLASS', '_NET_WM_PID']);
    expect(decodeTextProperty(props.get('_NET_WM_NAME')!)).toBe('Заголовок "x" é');
    expect(decodeWmClass(props.get('WM_CLASS')!)).toEqual({ instance: 'xterm', cls: 'KnownClass' });
    expect(parseCardinal(props.get('_NET_WM_PID')!.value)).toBe(14515);
  });

  it('reads the active window id, and 0x0 as none', () => {
    expect(parseWindowId(parseXpropOutput('_NET_ACTIVE_WINDOW(WINDOW): window id # 0x40000C').get('_NET_ACTIVE_WINDOW')!.value)).toBe('0x40000c');
    expect(parseWindowId('window id # 0x0')).toBeNull();
    expect(parseWindowId('')).toBeNull();
  });

  it('STRING is Latin-1, unless it holds valid UTF-8 (as xdotool writes it)', () => {
    expect(decodeTextProperty({ type: 'STRING', value: hex([0x63, 0x61, 0x66, 0xe9]) })).toBe('café');
    expect(decodeTextProperty({ type: 'STRING', value: hex(Buffer.from('café')) })).toBe('café');
  });

  it('an empty title', () => {
    expect(decodeTextProperty({ type: 'UTF8_STRING', value: '' })).toBe('');
  });
});

describe('COMPOUND_TEXT', () => {
  it('decodes what xterm writes for "Привет мир — 日本語"', () => {
    // ESC - L (Cyrillic in GR), ESC % G … ESC % @ (a UTF-8 run), ESC $ ( B (JIS X 0208 in GL), ESC ( B.
    const bytes = Buffer.concat([
      Buffer.from([0x1b, 0x2d, 0x4c, 0xbf, 0xe0, 0xd8, 0xd2, 0xd5, 0xe2, 0x20, 0xdc, 0xd8, 0xe0, 0x20]),
      Buffer.from([0x1b, 0x25, 0x47, 0xe2, 0x80, 0x94, 0x1b, 0x25, 0x40, 0x20]),
      Buffer.from([0x1b, 0x24, 0x28, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x38, 0x6c, 0x1b, 0x28, 0x42]),
      Buffer.from(' "q"'),
    ]);
    expect(decodeCompoundText(bytes)).toBe('Привет мир — 日本語 "q"');
    expect(decodeTextProperty({ type: 'COMPOUND_TEXT', value: hex(bytes) })).toBe('Привет мир — 日本語 "q"');
  });

  it('plain ASCII and Latin-1 need no escapes', () => {
    expect(decodeCompoundText(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('café');
  });

  it('Greek and Korean sets', () => {
    expect(decodeCompoundText(Buffer.from([0x1b, 0x2d, 0x46, 0xe1, 0xe2, 0xe3]))).toBe('αβγ');
    // 한 = KS C 5601 0x47 0x51 in GL (0xC7 0xD1 in EUC-KR).
    expect(decodeCompoundText(Buffer.from([0x1b, 0x24, 0x28, 0x43, 0x47, 0x51]))).toBe('한');
  });

  it('an unknown set becomes replacement characters, not garbage', () => {
    expect(decodeCompoundText(Buffer.from([0x1b, 0x2d, 0x5a, 0xe1]))).toBe('\ufffd');
  });
});
