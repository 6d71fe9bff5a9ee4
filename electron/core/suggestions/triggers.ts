/**
 * Rule-based triggers: signals in, candidate suggestions out. No model is needed; each rule looks at
 * one signal plus a little remembered context (the windows in front lately, the repos seen, commits per
 * branch) and says what it noticed, how sure it is, and what it proposes. Whether and when a candidate
 * interrupts is the policy's business, not the triggers'.
 */
import type { SourceLocation, SuggestionAction } from '../../../shared/contract/suggestions';
import { shortHash, type Candidate } from './candidate';
import { parseToolOutput, runnerFromCommand, type Failure, type ParsedRun, type RunnerId } from './parsers';
import { detectStackTrace, type StackTrace } from './parsers/stack-traces';
import { oneLine, plural, stripAnsi } from './parsers/text';
import { detectTransientError } from './parsers/transient-errors';
import type { Signal, SignalOf } from './signals';

export interface TriggerResult {
  candidates: Candidate[];
  /** Origin keys of earlier candidates that this signal shows are settled (e.g. the same tests now pass). */
  resolved: string[];
}

/** What the pipeline needs from its triggers; a model-backed refiner can wrap the rules behind it. */
export interface TriggerSource {
  consume(signal: Signal): TriggerResult;
}

/** Exit codes that mean the user stopped the command (Ctrl-C, SIGTERM, SIGKILL): nothing to help with. */
const INTERRUPTED_EXIT_CODES = new Set([130, 137, 143]);
/** Branches whose commits are the integration itself, not work waiting for review. */
const DEFAULT_BRANCHES = new Set(['main', 'master', 'trunk', 'develop', 'dev', 'HEAD']);
/** Commits on a feature branch after which a review is worth offering. */
const REVIEW_AFTER_COMMITS = 3;
/** How long a window stays "recently in front" for the red-test rule. */
const RECENT_FOCUS_MS = 5 * 60_000;
/** npm error codes that are network trouble rather than the user's code. */
const NPM_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNREFUSED', 'ESOCKETTIMEDOUT', 'E502', 'E503', 'E504', 'E429']);
/** How much of a long text is read: the start of a clipboard or selection, the end of a command's output. */
const MAX_SCANNED_TEXT = 64 * 1024;
/** A line in a watched command's output that announces an error. */
const ERROR_LINE = /^\s*(?:\[[^\]]{1,40}\]\s*)?(?:ERROR|Error|error|FATAL|Fatal|fatal|FAILED|Failed)\b[:!\s]/;
/** File names that hold tests (test_x.py, x_test.go, x.test.ts, XTest.java, x_spec.rb, …). */
const TEST_FILE = /(^test_|_test\.|\.test\.|\.spec\.|_spec\.|Tests?\.\w+$)/;
/** Terminal emulators: a window that runs the tests, not one where code is edited. */
const TERMINAL_APP = /terminal|konsole|alacritty|kitty|wezterm|iterm|xterm|tilix|terminator|hyper|warp|foot|ghostty|rxvt|console/i;
/** Locations listed in an action; more would only clutter the card. */
const MAX_LOCATIONS = 10;
/** How much of a failing run's output a fix suggestion keeps as evidence. */
const OUTPUT_TAIL_CHARS = 4_000;

const RUNNER_LABELS: Record<RunnerId, string> = {
  pytest: 'pytest',
  'python-unittest': 'unittest',
  jest: 'Jest',
  vitest: 'Vitest',
  'go-test': 'go',
  cargo: 'cargo',
  tsc: 'tsc',
  eslint: 'ESLint',
  npm: 'npm',
  gradle: 'Gradle',
  maven: 'Maven',
  make: 'make',
};

const LANGUAGE_LABELS: Record<StackTrace['language'], string> = { python: 'Python', node: 'JavaScript', java: 'Java', go: 'Go', rust: 'Rust' };

export class Triggers implements TriggerSource {
  private readonly repos = new Set<string>();
  private readonly commits = new Map<string, number>();
  private recentFocus: { app: string; title: string; at: number }[] = [];

  consume(signal: Signal): TriggerResult {
    switch (signal.type) {
      case 'window.focus':
        this.recentFocus = [...this.recentFocus.filter((f) => signal.t - f.at < RECENT_FOCUS_MS), { app: signal.app, title: signal.title, at: signal.t }];
        return none();
      case 'terminal.command':
        if (signal.repo) this.repos.add(signal.repo);
        return this.command(signal);
      case 'clipboard':
        return this.copiedText(signal.t, signal.text, 'clipboard', null);
      case 'selection':
        return this.copiedText(signal.t, signal.text, 'selection', signal.app ?? null);
      case 'git':
        this.repos.add(signal.repo);
        return this.git(signal);
      case 'agent.turnFinished':
        if (signal.repo) this.repos.add(signal.repo);
        return this.agentTurn(signal);
      case 'babysit':
        return this.babysit(signal);
      case 'input.activity':
      case 'pause':
        return none();
    }
  }

  /** The repository a folder belongs to: the deepest known repo containing it, else the folder itself. */
  repoFor(cwd: string | null): string | null {
    if (!cwd) return null;
    let best: string | null = null;
    for (const repo of this.repos) {
      if ((cwd === repo || cwd.startsWith(repo.endsWith('/') ? repo : `${repo}/`)) && (!best || repo.length > best.length)) best = repo;
    }
    return best ?? cwd;
  }

  // ---------------------------------------------------------------------------------------------
  // terminal commands

  private command(s: SignalOf<'terminal.command'>): TriggerResult {
    if (s.exitCode === null || INTERRUPTED_EXIT_CODES.has(s.exitCode)) return none();
    const repo = s.repo ?? this.repoFor(s.cwd);
    // The terminal feed keeps a tail already; a caller handing more gets the end of it read.
    const output = s.output.length > MAX_SCANNED_TEXT ? s.output.slice(-MAX_SCANNED_TEXT) : s.output;
    const run = parseToolOutput(output, s.command);
    const runner = run?.runner ?? runnerFromCommand(s.command);
    const origins = [`cmd|${s.cwd ?? ''}|${s.command ?? ''}`, ...(runner ? [`run|${repo ?? ''}|${runner}`] : [])];

    if (s.exitCode === 0) return { candidates: [], resolved: origins };

    const ran = describeRun(s);
    if (run && run.failures.length > 0) {
      if (run.runner === 'npm') return { candidates: [this.npmFailure(s, run, repo, origins, ran)], resolved: [] };
      return { candidates: [this.runFailure(s, run, repo, origins, ran)], resolved: [] };
    }
    const trace = detectStackTrace(output);
    if (trace) return { candidates: [crash(s, trace, repo, origins, ran)], resolved: [] };
    const transient = detectTransientError(output);
    if (transient) return { candidates: [transientFailure(s, transient.label, transient.line, transient.likely, repo, origins, ran)], resolved: [] };
    return none();
  }

  private runFailure(s: SignalOf<'terminal.command'>, run: ParsedRun, repo: string | null, origins: string[], ran: string): Candidate {
    const label = RUNNER_LABELS[run.runner];
    const failures = run.failures;
    const first = failures[0]!;
    const located = failures.filter((f): f is Failure & { file: string; line: number } => f.file !== null && f.line !== null);
    const kind = run.category === 'test' ? 'test-failure' : run.category === 'lint' ? 'lint-failure' : 'build-failure';
    // make reporting a failed recipe without a compiler error has no source location worth fixing at.
    const makeRecipeOnly = run.runner === 'make' && !failures.some((f) => f.name === 'error');
    const action: SuggestionAction =
      located.length > 0 && !makeRecipeOnly
        ? { type: 'fix-in-worktree', repo, command: s.command, locations: located.slice(0, MAX_LOCATIONS).map(toLocation), outputTail: outputTail(s.output) }
        : { type: 'explain', subject: `${run.summary}\n${first.message}`, cwd: s.cwd };

    let confidence: number;
    let situation: string = run.runner;
    let note = '';
    if (kind === 'test-failure') {
      confidence = located.length > 0 ? 0.9 : 0.7;
      const editing = this.editedTestFile(failures, s.t);
      if (editing) {
        // Red, then green: a test the user was just writing is expected to fail.
        confidence -= 0.4;
        situation = `${run.runner}:editing-test`;
        note = ` You were just editing ${editing}, so this may be the red step of red-green.`;
      }
    } else if (kind === 'lint-failure') {
      confidence = 0.6;
    } else {
      confidence = makeRecipeOnly ? 0.55 : located.length > 0 ? 0.85 : 0.6;
    }

    const where = (f: Failure) => (f.file !== null && f.line !== null ? `${relativeTo(s.cwd, f.file)}:${f.line}` : null);
    const title =
      kind === 'test-failure'
        ? failures.length === 1
          ? `${first.name} failed (${label})`
          : `${failures.length} failing tests (${label}) — first: ${first.name}`
        : failures.length === 1
          ? `${label}: ${oneLine(first.message, 80)}${where(first) ? ` at ${where(first)}` : ''}`
          : `${failures.length} ${label} errors — first at ${where(first) ?? first.name}`;
    const why = `${ran} (${run.summary}). First: ${kind === 'test-failure' ? `${first.name}${where(first) ? ` at ${where(first)}` : ''}` : (where(first) ?? first.name)} — ${first.message}.${note}`;
    const identity = failures.map((f) => (kind === 'test-failure' ? `${f.suite ?? ''}::${f.name}` : `${f.file}:${f.line}:${f.name}`)).sort().join('\n');
    return {
      kind,
      title: oneLine(title, 120),
      why: oneLine(why, 600),
      confidence,
      action,
      dedupeKey: `${kind}|${repo ?? ''}|${run.runner}|${shortHash(identity)}`,
      repo,
      situation,
      originKeys: origins,
      requested: false,
      createdAt: s.t,
    };
  }

  private npmFailure(s: SignalOf<'terminal.command'>, run: ParsedRun, repo: string | null, origins: string[], ran: string): Candidate {
    const failure = run.failures[0]!;
    if (NPM_NETWORK_CODES.has(failure.name)) {
      const likely = failure.name === 'ECONNREFUSED' ? 0.45 : 0.7;
      return transientFailure(s, `npm could not reach the registry (${failure.name})`, failure.message, likely, repo, origins, ran);
    }
    return {
      kind: 'command-error',
      title: oneLine(`npm: ${failure.message}`, 120),
      why: oneLine(`${ran}: ${run.summary}.`, 600),
      // npm's own messages are usually clear on their own; this rarely deserves an interruption.
      confidence: 0.5,
      action: { type: 'explain', subject: run.summary, cwd: s.cwd },
      dedupeKey: `command-error|${repo ?? ''}|npm|${failure.name}|${shortHash(failure.message)}`,
      repo,
      situation: `npm:${failure.name}`,
      originKeys: origins,
      requested: false,
      createdAt: s.t,
    };
  }

  /**
   * The failing test file's name, when every failure is in that one test file and the last editor-like
   * window in front (in the last few minutes) was showing it.
   */
  private editedTestFile(failures: Failure[], now: number): string | null {
    const files = new Set(failures.map((f) => basename(f.suite ?? f.file ?? '')).filter((f) => f !== ''));
    if (files.size !== 1) return null;
    const [file] = [...files] as [string];
    if (!TEST_FILE.test(file)) return null;
    const editor = [...this.recentFocus].reverse().find((f) => now - f.at < RECENT_FOCUS_MS && !TERMINAL_APP.test(f.app));
    return editor && editor.title.includes(file) ? file : null;
  }

  // ---------------------------------------------------------------------------------------------
  // copied or selected text

  private copiedText(t: number, text: string, source: 'clipboard' | 'selection', app: string | null): TriggerResult {
    if (this.tandemInFront()) return none();
    const trace = detectStackTrace(text.slice(0, MAX_SCANNED_TEXT));
    if (!trace) return none();
    const language = LANGUAGE_LABELS[trace.language];
    const top = trace.top;
    // A selection is often just reading; a copy is a deliberate act.
    const confidence = (top ? 0.85 : 0.7) - (source === 'selection' ? 0.15 : 0);
    const from = source === 'clipboard' ? 'You copied' : `You selected${app ? ` in ${app}` : ''}`;
    return {
      candidates: [
        {
          kind: 'stack-trace',
          title: oneLine(`Explain this ${language} error: ${trace.error}`, 120),
          why: oneLine(`${from} a ${language} stack trace: ${trace.error}${top ? `, raised at ${frameWhere(top)}` : ''} (${plural(trace.frames.length, 'frame')}).`, 600),
          confidence,
          action: { type: 'explain', subject: text.slice(0, MAX_SCANNED_TEXT), cwd: null },
          dedupeKey: errorKey(trace),
          repo: null,
          situation: `${source}:${trace.language}`,
          originKeys: [],
          requested: false,
          createdAt: t,
        },
      ],
      resolved: [],
    };
  }

  private tandemInFront(): boolean {
    const last = this.recentFocus[this.recentFocus.length - 1];
    return last !== undefined && /\btandem\b/i.test(last.app);
  }

  // ---------------------------------------------------------------------------------------------
  // git

  private git(s: SignalOf<'git'>): TriggerResult {
    if (s.event === 'conflict') {
      const files = s.files ?? [];
      return {
        candidates: [
          {
            kind: 'merge-conflict',
            title: oneLine(`Merge conflict${files.length > 0 ? ` in ${plural(files.length, 'file')}` : ''}${s.branch ? ` on ${s.branch}` : ''}`, 120),
            why: oneLine(`git reported conflicts${files.length > 0 ? ` in ${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}` : ''}${s.branch ? ` while on ${s.branch}` : ''}.`, 600),
            confidence: 0.75,
            action: { type: 'explain', subject: `Merge conflicts in ${files.join(', ') || 'the working tree'}`, cwd: s.repo },
            dedupeKey: `merge-conflict|${s.repo}|${shortHash([...files].sort().join('\n'))}`,
            repo: s.repo,
            situation: 'conflict',
            originKeys: [`conflict|${s.repo}`],
            requested: false,
            createdAt: s.t,
          },
        ],
        resolved: [],
      };
    }
    if (s.event === 'checkout') return none();

    // A commit settles a conflict in that repo, and may make a feature branch worth reviewing.
    const resolved = [`conflict|${s.repo}`];
    if (s.branch === null || DEFAULT_BRANCHES.has(s.branch)) return { candidates: [], resolved };
    const key = `${s.repo}\u0000${s.branch}`;
    const count = (this.commits.get(key) ?? 0) + 1;
    this.commits.set(key, count);
    if (count < REVIEW_AFTER_COMMITS) return { candidates: [], resolved };
    return {
      candidates: [
        {
          kind: 'branch-review',
          title: oneLine(`Review ${s.branch} before you open a pull request`, 120),
          why: oneLine(`You have made ${count} commits on ${s.branch} in this session${s.message ? ` (last: "${s.message}")` : ''}.`, 600),
          confidence: Math.min(0.8, 0.6 + 0.05 * (count - REVIEW_AFTER_COMMITS)),
          action: { type: 'review-branch', repo: s.repo, branch: s.branch, threadId: null },
          dedupeKey: `branch-review|${s.repo}|${s.branch}`,
          repo: s.repo,
          situation: 'commits',
          originKeys: [`branch|${s.repo}|${s.branch}`],
          requested: false,
          createdAt: s.t,
        },
      ],
      resolved,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // the agent and watched commands

  private agentTurn(s: SignalOf<'agent.turnFinished'>): TriggerResult {
    // Interrupted means the user stopped it; with Tandem in front they are already looking at it.
    if (s.status === 'interrupted' || this.tandemInFront()) return none();
    const name = s.title ?? 'the agent thread';
    const changed = s.filesChanged ?? 0;
    const completed = s.status === 'completed';
    const action: SuggestionAction = completed
      ? { type: 'review-branch', repo: s.repo ?? null, branch: s.branch ?? null, threadId: s.threadId }
      : { type: 'explain', subject: s.summary ?? `The agent stopped in ${name}`, cwd: s.repo ?? null };
    const title = completed ? `Agent finished ${name}${changed > 0 ? ` (${plural(changed, 'file')} changed)` : ''}` : `Agent stopped: ${name}`;
    const why = completed
      ? `The turn you started in "${name}" completed${changed > 0 ? ` and changed ${plural(changed, 'file')}` : ''}${s.summary ? `: ${s.summary}` : '.'}`
      : `The turn you started in "${name}" failed${s.summary ? `: ${s.summary}` : '.'}`;
    return {
      candidates: [
        {
          kind: 'agent-done',
          title: oneLine(title, 120),
          why: oneLine(why, 600),
          confidence: completed && changed > 0 ? 0.9 : 0.8,
          action,
          dedupeKey: `agent-done|${s.threadId}|${s.turnId ?? s.t}`,
          repo: s.repo ?? null,
          situation: s.status,
          originKeys: [`agent|${s.threadId}`],
          requested: true,
          createdAt: s.t,
        },
      ],
      resolved: [],
    };
  }

  private babysit(s: SignalOf<'babysit'>): TriggerResult {
    const origin = `babysit|${s.terminal}|${s.command}`;
    const repo = this.repoFor(s.cwd ?? null);
    const output = (s.output ?? '').slice(-MAX_SCANNED_TEXT);
    if (s.event === 'started') return { candidates: [], resolved: [origin] };

    const problem = describeProblem(output, s.command);
    if (s.event === 'exited' && s.exitCode === 0) {
      return {
        candidates: [
          {
            kind: 'babysit-done',
            title: oneLine(`${s.command} finished`, 120),
            why: oneLine(`You asked Tandem to watch \`${s.command}\`; it exited with 0.${lastLine(output) ? ` Last line: ${lastLine(output)}` : ''}`, 600),
            confidence: 0.9,
            action: { type: 'explain', subject: output.slice(-4000) || `${s.command} exited with 0`, cwd: s.cwd ?? null },
            dedupeKey: `babysit-done|${s.terminal}|${s.command}|${s.t}`,
            repo,
            situation: 'babysit',
            originKeys: [origin],
            requested: true,
            createdAt: s.t,
          },
        ],
        resolved: [],
      };
    }
    const exited = s.event === 'exited';
    if (!exited && !problem) return none();
    const located = problem?.locations ?? [];
    const action: SuggestionAction =
      located.length > 0
        ? { type: 'fix-in-worktree', repo, command: s.command, locations: located.slice(0, MAX_LOCATIONS) }
        : { type: 'explain', subject: problem?.text ?? (output.slice(-4000) || `${s.command} exited with ${s.exitCode}`), cwd: s.cwd ?? null };
    const how = exited ? `it exited with ${s.exitCode ?? 'no exit code'}` : 'it printed an error';
    return {
      candidates: [
        {
          kind: 'babysit-failed',
          title: oneLine(`${s.command}: ${problem ? problem.headline : `exited with ${s.exitCode ?? '?'}`}`, 120),
          why: oneLine(`You asked Tandem to watch \`${s.command}\`; ${how}${problem ? `: ${problem.headline}` : '.'}`, 600),
          confidence: 0.95,
          action,
          dedupeKey: `babysit-failed|${s.terminal}|${s.command}|${shortHash(problem?.headline ?? String(s.exitCode))}`,
          repo,
          situation: 'babysit',
          originKeys: [origin],
          requested: true,
          createdAt: s.t,
        },
      ],
      resolved: [],
    };
  }
}

function none(): TriggerResult {
  return { candidates: [], resolved: [] };
}

function crash(s: SignalOf<'terminal.command'>, trace: StackTrace, repo: string | null, origins: string[], ran: string): Candidate {
  const language = LANGUAGE_LABELS[trace.language];
  const top = trace.top;
  return {
    kind: 'crash',
    title: oneLine(`${s.command ?? 'A command'} crashed: ${trace.error}`, 120),
    why: oneLine(`${ran} with a ${language} ${trace.language === 'go' || trace.language === 'rust' ? 'panic' : 'exception'}: ${trace.error}${top ? `, raised at ${frameWhere(top)}` : ' (no frame in your code)'}.`, 600),
    confidence: top ? 0.8 : 0.6,
    action: { type: 'explain', subject: s.output.slice(-8000), cwd: s.cwd },
    dedupeKey: errorKey(trace),
    repo,
    situation: trace.language,
    originKeys: origins,
    requested: false,
    createdAt: s.t,
  };
}

function transientFailure(s: SignalOf<'terminal.command'>, label: string, line: string, likely: number, repo: string | null, origins: string[], ran: string): Candidate {
  const action: SuggestionAction =
    s.command !== null ? { type: 'rerun', terminalId: s.terminal, command: s.command, cwd: s.cwd } : { type: 'explain', subject: line, cwd: s.cwd };
  return {
    kind: 'transient-failure',
    title: oneLine(`${s.command ?? 'A command'} failed: ${label}. Run it again?`, 120),
    why: oneLine(`${ran}: "${line}" — ${label}, which usually passes on a second try.`, 600),
    confidence: likely,
    action,
    dedupeKey: `transient-failure|${s.terminal}|${s.command ?? ''}|${shortHash(line)}`,
    repo,
    situation: 'network',
    originKeys: origins,
    requested: false,
    createdAt: s.t,
  };
}

/** Errors in a watched command's output: a parsed tool failure, a stack trace, or an error line. */
function describeProblem(output: string, command: string): { headline: string; text: string; locations: (SourceLocation & { name: string })[] } | null {
  const run = parseToolOutput(output, command);
  if (run && run.failures.length > 0) {
    const first = run.failures[0]!;
    const located = run.failures.filter((f): f is Failure & { file: string; line: number } => f.file !== null && f.line !== null);
    return { headline: oneLine(`${run.summary} — ${first.message}`, 160), text: `${run.summary}\n${first.message}`, locations: located.map(toLocation) };
  }
  const trace = detectStackTrace(output);
  if (trace) return { headline: oneLine(trace.error, 160), text: output.slice(-8000), locations: [] };
  const line = output.split('\n').find((l) => ERROR_LINE.test(l));
  if (line) return { headline: oneLine(line, 160), text: output.slice(-8000), locations: [] };
  return null;
}

/** One key for one error, whether it crashed a command or was copied later: never shown twice. */
function errorKey(trace: StackTrace): string {
  // Addresses, ids and counts differ between two runs of the same crash.
  const error = trace.error.replace(/0x[0-9a-f]+/gi, '0x').replace(/\d+/g, 'N');
  const top = trace.top ? `${basename(trace.top.file)}:${trace.top.line}` : '';
  return `error|${shortHash(`${trace.language}|${error}|${top}`)}`;
}

function describeRun(s: SignalOf<'terminal.command'>): string {
  const seconds = s.durationMs >= 1000 ? ` after ${(s.durationMs / 1000).toFixed(1)} s` : '';
  return `\`${oneLine(s.command ?? 'A command', 80)}\` exited with ${s.exitCode}${seconds}`;
}

function toLocation(f: Failure & { file: string; line: number }): SourceLocation & { name: string } {
  return f.column === undefined ? { name: f.name, file: f.file, line: f.line } : { name: f.name, file: f.file, line: f.line, column: f.column };
}

/** A path as the user would say it: relative to the folder the command ran in when it is inside it. */
function relativeTo(cwd: string | null, file: string): string {
  return cwd && file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}

function frameWhere(frame: { file: string; line: number | null }): string {
  return frame.line === null ? frame.file : `${frame.file}:${frame.line}`;
}

function basename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function lastLine(output: string): string | null {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const last = lines[lines.length - 1];
  return last === undefined ? null : oneLine(last, 160);
}

/** The end of a command's output, without terminal escapes: evidence for whoever fixes it (a draft, a thread). */
function outputTail(output: string): string {
  const clean = stripAnsi(output).trimEnd();
  return clean.length > OUTPUT_TAIL_CHARS ? `…${clean.slice(-OUTPUT_TAIL_CHARS)}` : clean;
}
