/** The SKILL.md written by "save as skill": front matter, how to run the script, and where it came from. */
import yaml from 'js-yaml';

export interface SkillFileInput {
  name: string;
  description: string;
  notes: string;
  /** The interpreter line, e.g. `python3` or `npx tsx`. */
  runner: string;
  /** The script's path from the repository root (POSIX separators). */
  scriptPath: string;
  /** Command lines that ran it successfully. */
  commands: string[];
  runs: number;
  threadTitle: string;
}

export function renderSkillFile(input: SkillFileInput): string {
  // js-yaml quotes whatever needs quoting (colons, leading dashes, '#'), so the front matter always parses.
  const front = yaml.dump({ name: input.name, description: input.description }, { lineWidth: -1 }).trimEnd();
  const title = input.name.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const example = input.commands[input.commands.length - 1] ?? '';
  const sections = [
    `---\n${front}\n---`,
    `# ${title}`,
    input.description,
    `## How to run\n\nFrom the repository root:\n\n\`\`\`bash\n${input.runner} ${input.scriptPath}\n\`\`\`\n\nRead the script before running it with different inputs; adapt its arguments, not its logic, unless the task needs new logic.`,
    input.notes.trim() ? `## Notes\n\n${input.notes.trim()}` : '',
    `## Origin\n\nSaved from the Tandem thread "${input.threadTitle}", where the agent wrote this script and ran it successfully ${input.runs} times. The last run was:\n\n${fence(example)}`,
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

/** A fenced block long enough not to be closed by backticks inside the text. */
function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}bash\n${text}\n${marks}`;
}
