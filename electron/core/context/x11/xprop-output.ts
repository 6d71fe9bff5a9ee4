/**
 * Parsing what xprop prints. Text properties are requested as raw bytes (`-f NAME 8x`) and decoded
 * here by their type, because xprop's own text output depends on the locale it runs in and escapes
 * differently per type (UTF8_STRING as octal bytes, STRING and COMPOUND_TEXT not at all).
 */
import { decodeCompoundText } from './compound-text';

export interface XProperty {
  /** The X type in parentheses, e.g. UTF8_STRING, COMPOUND_TEXT, CARDINAL, WINDOW. */
  type: string;
  /** Everything after `= ` or `: ` on the line. */
  value: string;
}

/** Properties by name; a property the window does not have ("not found.") is absent. */
export function parseXpropOutput(output: string): Map<string, XProperty> {
  const props = new Map<string, XProperty>();
  for (const line of output.split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\(([A-Za-z0-9_]+)\))?(?: = |: ?)(.*)$/.exec(line);
    if (!m) continue;
    const [, name, type, value] = m;
    if (/^\s*not found\.$/.test(value!) || /^\s*no such atom/.test(value!)) continue;
    props.set(name!, { type: type ?? '', value: value!.trim() });
  }
  return props;
}

/** `0x68, 0xc3, 0xa9` → bytes. */
export function hexListToBytes(value: string): Uint8Array {
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  const bytes = new Uint8Array(parts.length);
  parts.forEach((p, i) => {
    const n = Number.parseInt(p, 16);
    bytes[i] = Number.isFinite(n) ? n & 0xff : 0x3f;
  });
  return bytes;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextDecoder('utf-8');

/** Decodes a text property read with `8x` according to its X type. */
export function decodeTextProperty(prop: XProperty): string {
  const bytes = hexListToBytes(prop.value);
  switch (prop.type) {
    case 'UTF8_STRING':
      return utf8.decode(bytes);
    case 'COMPOUND_TEXT':
      return decodeCompoundText(bytes);
    default:
      return decodeLatin1OrMislabelledUtf8(bytes);
  }
}

/**
 * STRING is Latin-1 by the ICCCM, but many programs (xdotool among them) store UTF-8 there.
 * Bytes that form valid UTF-8 with at least one multi-byte character are taken as UTF-8.
 */
function decodeLatin1OrMislabelledUtf8(bytes: Uint8Array): string {
  if (bytes.some((b) => b >= 0x80)) {
    try {
      return utf8Strict.decode(bytes);
    } catch {
      // genuine Latin-1
    }
  }
  return Buffer.from(bytes).toString('latin1');
}

/** WM_CLASS read with `8x`: two NUL-terminated strings, instance then class. */
export function decodeWmClass(prop: XProperty): { instance: string | null; cls: string | null } {
  const text = decodeLatin1OrMislabelledUtf8(hexListToBytes(prop.value));
  const [instance, cls] = text.split('\0');
  return { instance: instance || null, cls: cls || null };
}

/** `window id # 0x3a00007` or `0x3a00007` → `0x3a00007`; null for none or 0x0. */
export function parseWindowId(value: string): string | null {
  const m = /0x[0-9a-f]+/i.exec(value);
  if (!m) return null;
  const id = m[0].toLowerCase();
  return Number.parseInt(id, 16) === 0 ? null : id;
}

export function parseCardinal(value: string): number | null {
  const n = Number.parseInt(value, 10);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
