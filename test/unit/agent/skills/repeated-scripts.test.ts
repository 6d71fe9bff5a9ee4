import { describe, expect, it } from 'vitest';
import type { AgentItem, CommandExecutionItem, FileChangeItem } from '../../../../shared/contract';
import { findRepeatedScripts, recogniseScript } from '../../../../electron/core/agent/skills/repeated-scripts';

let n = 0;
function command(cmd: string, exitCode = 0, cwd = '/repo'): CommandExecutionItem {
  n += 1;
  return {
    type: 'commandExecution',
    id: `c${n}`,
    call: { callId: `call${n}`, name: 'shell', arguments: '{}' },
    step: n,
    command: cmd,
    cwd,
    status: exitCode === null ? 'failed' : 'completed',
    exitCode,
    output: '',
    durationMs: 10,
    timedOut: false,
    sandbox: 'workspace-write',
    terminalId: null,
    reason: null,
  };
}

function added(file: string, text: string): FileChangeItem {
  n += 1;
  const body = text.replace(/\n$/, '').split('\n').map((l) => `+${l}`).join('\n');
  return {
    type: 'fileChange',
    id: `f${n}`,
    call: { callId: `call${n}`, name: 'apply_patch', arguments: '{}' },
    step: n,
    cwd: '/repo',
    status: 'completed',
    changes: [{ kind: 'add', path: file, newPath: null, diff: `--- /dev/null\n+++ b${file}\n@@ -0,0 +1,${text.split('\n').length - 1} @@\n${body}\n`, additions: 2, deletions: 0 }],
    reason: null,
  };
}

const COUNT_TODOS = (dir: string) => `python3 - <<'EOF'
# Count TODO markers per package
import pathlib, collections
counts = collections.Counter()
for path in pathlib.Path("${dir}").rglob("*.py"):
    counts[path.parts[1]] += path.read_text().count("TODO")
for pkg, total in counts.most_common():
    print(pkg, total)
EOF`;

describe('recognising scripts in commands', () => {
  it('takes here-documents fed to an interpreter, and inline -c / -e programs of some size', () => {
    expect(recogniseScript(command(COUNT_TODOS('src')), new Map())).toMatchObject({ key: 'inline:python3', runner: 'python3', ext: 'py' });
    const inline = recogniseScript(command(`node -e 'const fs = require("fs");\nconst pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));\nconsole.log(Object.keys(pkg.dependencies).join("\\n"))'`), new Map());
    expect(inline).toMatchObject({ key: 'inline:node', runner: 'node' });
    expect(inline!.script).toContain('JSON.parse');
  });

  it('ignores ordinary commands and one-liners', () => {
    for (const cmd of ['ls -la', 'npm test', 'git status', `python3 -c 'print(1)'`, 'cat > notes.txt <<EOF\nhello\nEOF', 'rg TODO src']) {
      expect(recogniseScript(command(cmd), new Map()), cmd).toBeNull();
    }
  });

  it('takes a script written with cat and run right after', () => {
    const run = recogniseScript(command(`cat > /tmp/gen.sh <<'EOF'\nset -e\nfor f in fixtures/*.json; do\n  jq -S . "$f" > "$f.tmp" && mv "$f.tmp" "$f"\ndone\nEOF\nbash /tmp/gen.sh`), new Map());
    expect(run).toMatchObject({ key: 'inline:bash', ext: 'sh' });
  });
});

describe('finding repeated scripts in a thread', () => {
  it('offers a script run successfully twice with small changes, once, with a name from its comment', () => {
    const items: AgentItem[] = [command(COUNT_TODOS('src')), command('npm test'), command(COUNT_TODOS('lib'))];
    const [candidate, ...rest] = findRepeatedScripts('t1', items);
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({ threadId: 't1', name: 'count-todo-markers-per', runs: 2, runner: 'python3', scriptFile: 'scripts/count-todo-markers-per.py', sourceFile: null });
    expect(candidate!.description).toBe('Count TODO markers per package.');
    expect(candidate!.script).toContain('rglob("*.py")');
    expect(candidate!.script).toContain('Path("lib")'); // the latest version
    expect(candidate!.commands).toHaveLength(2);
  });

  it('does not count failed runs, and keeps different scripts apart', () => {
    const other = `python3 - <<'EOF'\nimport json, sys\ndata = json.load(open("config.json"))\nprint(sorted(data["features"]))\nEOF`;
    expect(findRepeatedScripts('t', [command(COUNT_TODOS('src'), 1), command(COUNT_TODOS('src'))])).toEqual([]);
    expect(findRepeatedScripts('t', [command(COUNT_TODOS('src')), command(other)])).toEqual([]);
  });

  it('offers a script file the agent added and then ran twice, named after the file', () => {
    const items: AgentItem[] = [
      added('/repo/tools/bump_version.py', 'import sys\nprint(sys.argv[1])\n'),
      command('python3 tools/bump_version.py 1.2.0'),
      command('python3 ./tools/bump_version.py 1.3.0'),
    ];
    const [candidate] = findRepeatedScripts('t', items);
    expect(candidate).toMatchObject({ name: 'bump-version', runs: 2, runner: 'python3', scriptFile: 'scripts/bump_version.py', sourceFile: '/repo/tools/bump_version.py' });
    expect(candidate!.script).toBe('import sys\nprint(sys.argv[1])\n');
  });

  it('gives the same candidate the same id on every look, and different threads different ids', () => {
    const items: AgentItem[] = [command(COUNT_TODOS('src')), command(COUNT_TODOS('lib'))];
    expect(findRepeatedScripts('t', items)[0]!.id).toBe(findRepeatedScripts('t', items)[0]!.id);
    expect(findRepeatedScripts('t', items)[0]!.id).not.toBe(findRepeatedScripts('u', items)[0]!.id);
  });
});
