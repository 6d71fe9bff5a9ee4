/**
 * pytest. The "short test summary info" block names every failing test exactly (`FAILED
 * tests/test_users.py::TestEmails::test_domain - AssertionError: …`); the FAILURES / ERRORS sections
 * say where each one broke (`billing/invoice.py:10: ValueError`). Works with --tb=long (the default),
 * short and line, with or without -q.
 */
import { cleanLines, oneLine, plural } from './text';
import type { Failure, ParsedRun } from './types';

const SESSION_START = /^=+ test session starts =+$/;
const SHORT_SUMMARY = /^=+ short test summary info =+$/;
const SECTION_BLOCK = /^=+ (FAILURES|ERRORS) =+$/;
const ANY_BLOCK = /^=+ .* =+$/;
const SECTION_HEADER = /^_{2,} (.+?) _{2,}$/;
const SUMMARY_ENTRY = /^(FAILED|ERROR) (\S+)(?: - (.*))?$/;
const COUNTS = '(?:\\d+ (?:failed|passed|errors?|skipped|xfailed|xpassed|warnings?|deselected|rerun)(?:, )?)+';
const FINAL_LINE = new RegExp(`^=*\\s*(${COUNTS}(?: in [\\d.]+s(?: \\([^)]*\\))?)?|no tests ran in [\\d.]+s)\\s*=*$`);
/** `path.py:12: …` at the start of a line: a frame of pytest's traceback. */
const LOCATION = /^(\S+?\.[A-Za-z]\w*):(\d+):(?:\s(.*))?$/;
const ERROR_LINE = /^E\s{1,}(.*)$/;
/** Frames outside the project: the standard library and installed packages. */
const EXTERNAL = /(site-packages|dist-packages|\/lib\/python\d|<frozen |importlib)/;

interface Section {
  header: string;
  locations: { file: string; line: number; rest: string }[];
  errors: string[];
}

interface SummaryEntry {
  nodeId: string;
  message: string | null;
}

export function parsePytest(output: string): ParsedRun | null {
  const lines = cleanLines(output);
  const recognised = lines.some((l) => SESSION_START.test(l) || SHORT_SUMMARY.test(l) || FINAL_LINE.test(l.trim()));
  if (!recognised) return null;

  const entries = summaryEntries(lines);
  const sections = failureSections(lines);
  const looseLocations = sections.length === 0 ? tbLineLocations(lines) : [];

  const failures: Failure[] = [];
  if (entries.length > 0) {
    entries.forEach((entry, index) => {
      const section = sections.find((s) => headerMatches(s.header, entry.nodeId)) ?? sections[index];
      const { suite, name } = splitNodeId(entry.nodeId);
      const where = section ? crashLocation(section) : looseLocations[index];
      failures.push({
        name,
        suite,
        file: where?.file ?? suite,
        line: where?.line ?? null,
        message: oneLine((section?.errors[0] ?? where?.rest ?? entry.message ?? 'failed').trim(), 300),
      });
    });
  } else {
    for (const section of sections) {
      const where = crashLocation(section);
      failures.push({
        name: section.header,
        file: where?.file ?? null,
        line: where?.line ?? null,
        message: oneLine(section.errors[0] ?? where?.rest ?? 'failed', 300),
      });
    }
  }

  const final = [...lines].reverse().map((l) => FINAL_LINE.exec(l.trim())).find((m) => m);
  const summary = final ? final[1]!.trim() : `${plural(failures.length, 'test')} failed`;
  return { runner: 'pytest', category: 'test', failures, summary };
}

function summaryEntries(lines: readonly string[]): SummaryEntry[] {
  const start = lines.findIndex((l) => SHORT_SUMMARY.test(l));
  if (start === -1) return [];
  const entries: SummaryEntry[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = SUMMARY_ENTRY.exec(line);
    if (m) entries.push({ nodeId: m[2]!, message: m[3] ?? null });
    else if (ANY_BLOCK.test(line) || /^!+/.test(line)) break;
  }
  return entries;
}

function failureSections(lines: readonly string[]): Section[] {
  const sections: Section[] = [];
  let inBlock = false;
  let current: Section | null = null;
  for (const line of lines) {
    if (SECTION_BLOCK.test(line)) {
      inBlock = true;
      continue;
    }
    if (ANY_BLOCK.test(line)) {
      inBlock = false;
      current = null;
      continue;
    }
    if (!inBlock) continue;
    const header = SECTION_HEADER.exec(line);
    if (header) {
      current = { header: header[1]!, locations: [], errors: [] };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    const location = LOCATION.exec(line);
    if (location) current.locations.push({ file: location[1]!, line: Number(location[2]), rest: location[3] ?? '' });
    const error = ERROR_LINE.exec(line);
    if (error && error[1]!.trim() !== '') current.errors.push(error[1]!.trim());
  }
  return sections;
}

/** --tb=line prints one `path:line: message` per failure, with no section headers. */
function tbLineLocations(lines: readonly string[]): { file: string; line: number; rest: string }[] {
  const start = lines.findIndex((l) => SECTION_BLOCK.test(l));
  if (start === -1) return [];
  const found: { file: string; line: number; rest: string }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (ANY_BLOCK.test(line)) break;
    const m = LOCATION.exec(line);
    if (m) found.push({ file: m[1]!, line: Number(m[2]), rest: m[3] ?? '' });
  }
  return found;
}

/** Where it broke: the deepest frame inside the project (pytest lists frames outermost first). */
function crashLocation(section: Section): { file: string; line: number; rest: string } | undefined {
  const inProject = section.locations.filter((l) => !EXTERNAL.test(l.file));
  return inProject[inProject.length - 1] ?? section.locations[section.locations.length - 1];
}

/** `tests/test_users.py::TestEmails::test_domain` → suite `tests/test_users.py`, name `TestEmails::test_domain`. */
function splitNodeId(nodeId: string): { suite: string; name: string } {
  const i = nodeId.indexOf('::');
  return i === -1 ? { suite: nodeId, name: nodeId } : { suite: nodeId.slice(0, i), name: nodeId.slice(i + 2) };
}

/** Section headers print `Class.test` where node ids say `Class::test`; collection errors say `ERROR collecting path`. */
function headerMatches(header: string, nodeId: string): boolean {
  const { name } = splitNodeId(nodeId);
  if (header === name || header === `ERROR collecting ${nodeId}`) return true;
  const bracket = name.indexOf('[');
  const head = bracket === -1 ? name : name.slice(0, bracket);
  const params = bracket === -1 ? '' : name.slice(bracket);
  return header === head.replace(/::/g, '.') + params;
}
