import { expect, test } from 'vitest';
import { toPlainText } from '../../../electron/core/terminals/shell-integration/plain-text';

test('removes colours, cursor moves and OSC sequences', () => {
  expect(toPlainText('\x1b[1;31merror\x1b[0m: \x1b]8;;http://x\x07link\x1b]8;;\x07\r\n\x1b[?25lok\x1b(B')).toBe('error: link\nok');
});

test('collapses carriage-return redraws to what the line finally showed', () => {
  expect(toPlainText('progress 10%\rprogress 55%\rprogress 100%\r\n')).toBe('progress 100%\n');
  expect(toPlainText('long status text\r\x1b[Kdone\r\n')).toBe('done\n');
  expect(toPlainText('abc\bd\r\n')).toBe('abd\n');
});

test('drops zsh’s end-of-output mark', () => {
  expect(toPlainText('a;b\x1b[1m\x1b[7m%\x1b[27m\x1b[1m\x1b[0m' + ' '.repeat(79) + '\r \r')).toBe('a;b');
});
