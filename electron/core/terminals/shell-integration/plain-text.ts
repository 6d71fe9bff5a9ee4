/**
 * Turns raw terminal output into plain text for command records: escape sequences removed, carriage-
 * return redraws (progress bars, spinners) collapsed to what the line finally showed, backspaces and
 * erase-to-end-of-line applied. An approximation of the screen, good for reading and for a model's context.
 */

/** Stand-in for "erase to end of line" (CSI K / CSI 0 K) while the line is rebuilt. */
const ERASE_EOL = '\x00';
// eslint-disable-next-line no-control-regex
const NULS = /\x00/g;
// eslint-disable-next-line no-control-regex
const ERASE_EOL_SEQ = /\x1b\[0?K/g;
// CSI, OSC (BEL or ST terminated), DCS/SOS/PM/APC strings, charset designations, other short escapes.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[()*+\-./][ -~]|[ -/]*[0-~]?)/g;
// Controls other than NUL (our marker), backspace, tab, newline and carriage return.
// eslint-disable-next-line no-control-regex
const OTHER_CONTROLS = /[\x01-\x07\x0b\x0c\x0e-\x1f\x7f]/g;

// zsh's PROMPT_SP: after output without a final newline it prints an inverse "%" (or "#"), pads the
// line with spaces and returns with "\r \r", all before the next prompt's hooks run.
// eslint-disable-next-line no-control-regex
const ZSH_PROMPT_EOL_MARK = /(?:\x1b\[[0-9;]*m)*[%#](?:\x1b\[[0-9;]*m)* +\r \r(?:\x1b\[[0-9;]*[mJK])*$/;

export function toPlainText(raw: string): string {
  const text = raw
    .replace(ZSH_PROMPT_EOL_MARK, '')
    .replace(NULS, '')
    .replace(ERASE_EOL_SEQ, ERASE_EOL)
    .replace(ESCAPES, '')
    .replace(OTHER_CONTROLS, '');
  return text.split('\n').map(renderLine).join('\n');
}

/** Replays one line's writes: "50%\r100%" shows "100%", "ab\bc" shows "ac", "\r\n" changes nothing. */
function renderLine(line: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\r\b\x00]/.test(line)) return line;
  const cells: string[] = [];
  let col = 0;
  for (const ch of line) {
    if (ch === '\r') col = 0;
    else if (ch === '\b') col = Math.max(0, col - 1);
    else if (ch === ERASE_EOL) cells.length = Math.min(cells.length, col);
    else cells[col++] = ch;
  }
  return Array.from(cells, (c) => c ?? ' ').join('');
}
