/**
 * JavaScript stacks as V8 prints them (Node, Chrome, Electron, Jest): an error line, then
 * `    at fn (file:line:col)` frames, most recent first. `file://` URLs become paths; browser
 * `http(s)://` URLs stay as they are.
 */
import { cleanLines } from '../text';
import type { StackFrame, StackTrace } from './types';

const FRAME = /^\s+at (?:async )?(.*)$/;
const LOCATION = /^(.*?):(\d+)(?::(\d+))?$/;
const ERROR_LINE = /^(?:Uncaught (?:\(in promise\) )?)?(?:[\w$.]*(?:Error|Exception)|[A-Z][\w$]*Error)\b/;
const EXTERNAL = /(^node:|node_modules|^internal\/|^<anonymous>$|^native$)/;

export function parseNodeStack(text: string): StackTrace | null {
  const lines = cleanLines(text);
  const first = lines.findIndex((l, i) => FRAME.test(l) && i > 0 && ERROR_LINE.test(lines[i - 1]!.trim()));
  if (first === -1) return null;
  const error = lines[first - 1]!.trim().replace(/^Uncaught (\(in promise\) )?/, '');

  const frames: StackFrame[] = [];
  for (const line of lines.slice(first)) {
    const m = FRAME.exec(line);
    if (!m) break;
    frames.push(toFrame(m[1]!.trim()));
  }
  const top = frames.find((f) => f.inProject) ?? null;
  return { language: 'node', error, frames, top };
}

/** `fn (where)` or just `where`, where `where` is `file:line:col`, `<anonymous>` or `native`. */
function toFrame(body: string): StackFrame {
  const paren = /^(.*?) \((.*)\)$/.exec(body);
  const fn = paren ? paren[1] : undefined;
  const where = paren ? paren[2]! : body;
  const loc = LOCATION.exec(where);
  const rawFile = loc ? loc[1]! : where;
  const file = rawFile.startsWith('file://') ? decodeURI(rawFile.slice('file://'.length)) : rawFile;
  const frame: StackFrame = { file, line: loc ? Number(loc[2]) : null, inProject: !EXTERNAL.test(file) && loc !== null };
  if (loc?.[3]) frame.column = Number(loc[3]);
  if (fn) frame.function = fn;
  return frame;
}
