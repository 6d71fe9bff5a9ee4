/**
 * Decodes X11 COMPOUND_TEXT, the ISO 2022 encoding older toolkits (xterm, Xt, Motif) use for
 * window titles that are not Latin-1: Cyrillic as ISO 8859-5 in GR, Japanese as JIS X 0208 in GL,
 * UTF-8 runs between `ESC % G` and `ESC % @`, and so on. Reading the raw bytes and decoding them here
 * keeps titles correct whatever locale xprop happens to run in.
 *
 * Covers the sets X's compound text spec lists for titles in practice: the ISO 8859 right halves,
 * GB 2312, JIS X 0208, KS C 5601, JIS X 0201 and UTF-8 segments. Unknown sets decode as U+FFFD.
 */
import { TextDecoder } from 'node:util';

const ESC = 0x1b;
const CSI = 0x9b;

type Charset =
  | { kind: 'ascii' }
  | { kind: 'latin'; decoder: string } // a 96-character set used in GR
  | { kind: 'double'; decoder: string } // a 94×94 set: two bytes a character
  | { kind: 'kana' } // JIS X 0201 katakana
  | { kind: 'unknown' };

/** Final byte of `ESC - F` → the ISO 8859 part whose right half it designates. */
const LATIN_BY_FINAL: Record<string, string> = {
  A: 'iso-8859-1',
  B: 'iso-8859-2',
  C: 'iso-8859-3',
  D: 'iso-8859-4',
  F: 'iso-8859-7',
  G: 'iso-8859-6',
  H: 'iso-8859-8',
  L: 'iso-8859-5',
  M: 'iso-8859-9',
  V: 'iso-8859-10',
  Y: 'iso-8859-13',
  _: 'iso-8859-14',
  b: 'iso-8859-15',
  f: 'iso-8859-16',
};

/** Final byte of `ESC $ ( F` / `ESC $ ) F` → an EUC decoder that reads the set with the high bit set. */
const DOUBLE_BY_FINAL: Record<string, string> = { A: 'gbk', B: 'euc-jp', C: 'euc-kr' };

const decoders = new Map<string, TextDecoder | null>();
function decoder(label: string): TextDecoder | null {
  if (!decoders.has(label)) {
    try {
      decoders.set(label, new TextDecoder(label));
    } catch {
      decoders.set(label, null); // a Node built without full ICU
    }
  }
  return decoders.get(label) ?? null;
}

function decodeWith(label: string, bytes: number[]): string {
  const d = decoder(label);
  return d ? d.decode(Uint8Array.from(bytes)) : '\ufffd'.repeat(bytes.length);
}

export function decodeCompoundText(bytes: Uint8Array): string {
  let gl: Charset = { kind: 'ascii' };
  let gr: Charset = { kind: 'latin', decoder: 'iso-8859-1' };
  let out = '';
  let i = 0;

  while (i < bytes.length) {
    const b = bytes[i]!;

    if (b === ESC) {
      const seq = readEscape(bytes, i);
      i = seq.end;
      if (seq.utf8) {
        // UTF-8 runs until ESC % @ (or the end).
        let j = i;
        while (j < bytes.length && !(bytes[j] === ESC && bytes[j + 1] === 0x25 && bytes[j + 2] === 0x40)) j++;
        out += new TextDecoder('utf-8').decode(bytes.subarray(i, j));
        i = Math.min(bytes.length, j + 3);
        continue;
      }
      if (seq.gl) gl = seq.gl;
      if (seq.gr) gr = seq.gr;
      continue;
    }

    if (b === CSI) {
      // Direction markers (CSI 1 ] …): no text, skip to the final byte.
      i++;
      while (i < bytes.length && (bytes[i]! < 0x40 || bytes[i]! > 0x7e)) i++;
      i++;
      continue;
    }

    if (b < 0x20 || b === 0x7f) {
      out += b === 0x09 || b === 0x0a ? String.fromCharCode(b) : '';
      i++;
      continue;
    }

    const high = b >= 0x80;
    const set = high ? gr : gl;
    const run = collectRun(bytes, i, high);
    out += decodeRun(set, run, high);
    i += run.length;
  }
  return out;
}

function collectRun(bytes: Uint8Array, start: number, high: boolean): number[] {
  const run: number[] = [];
  for (let j = start; j < bytes.length; j++) {
    const c = bytes[j]!;
    if (c === ESC || c === CSI || c < 0x20 || c === 0x7f) break;
    if (c >= 0x80 !== high) break;
    run.push(c);
  }
  return run;
}

function decodeRun(set: Charset, run: number[], high: boolean): string {
  switch (set.kind) {
    case 'ascii':
      return String.fromCharCode(...run.map((c) => c & 0x7f));
    case 'latin':
      return high ? decodeWith(set.decoder, run) : String.fromCharCode(...run);
    case 'double': {
      const euc = run.map((c) => c | 0x80);
      if (euc.length % 2 === 1) euc.pop();
      return decodeWith(set.decoder, euc);
    }
    case 'kana':
      // EUC-JP writes half-width katakana as 0x8E followed by the byte with its high bit set.
      return decodeWith('euc-jp', run.flatMap((c) => [0x8e, c | 0x80]));
    case 'unknown':
      return '\ufffd'.repeat(run.length);
  }
}

interface EscapeSequence {
  end: number;
  gl?: Charset;
  gr?: Charset;
  utf8?: boolean;
}

/** Reads one escape sequence at `start` (which holds ESC) and says what it designates. */
function readEscape(bytes: Uint8Array, start: number): EscapeSequence {
  // Intermediate bytes are 0x20–0x2f, the final byte 0x30–0x7e.
  let j = start + 1;
  const intermediates: number[] = [];
  while (j < bytes.length && bytes[j]! >= 0x20 && bytes[j]! <= 0x2f) intermediates.push(bytes[j++]!);
  if (j >= bytes.length) return { end: bytes.length };
  const final = String.fromCharCode(bytes[j]!);
  const end = j + 1;
  const inter = String.fromCharCode(...intermediates);

  switch (inter) {
    case '(': // 94-character set → GL
      return { end, gl: final === 'I' ? { kind: 'kana' } : { kind: 'ascii' } };
    case ')': // 94-character set → GR
      return { end, gr: final === 'I' ? { kind: 'kana' } : { kind: 'unknown' } };
    case '-': {
      const label = LATIN_BY_FINAL[final];
      return { end, gr: label ? { kind: 'latin', decoder: label } : { kind: 'unknown' } };
    }
    case '$':
    case '$(':
    case '$)': {
      const label = DOUBLE_BY_FINAL[final];
      const set: Charset = label ? { kind: 'double', decoder: label } : { kind: 'unknown' };
      return inter === '$)' ? { end, gr: set } : { end, gl: set };
    }
    case '%':
      return final === 'G' ? { end, utf8: true } : { end };
    default:
      return { end };
  }
}
