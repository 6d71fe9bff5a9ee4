// The scripted long session the compaction test and benchmark run: every turn the model runs one command
// whose output fills the window, then answers; a summary request is answered with a handoff note that
// carries forward each of the task's key facts the request showed it (as a faithful model would).
import type { ScriptStep } from '../../../support/fake-openai';

// The task's key facts, planted in the first turn: a path, a command and an error message.
export const PATH_FACT = 'src/config/settings.yaml';
export const COMMAND_FACT = 'npm run test:unit -- --grep parser';
export const ERROR_FACT = "TypeError: Cannot read properties of undefined (reading 'parserOptions')";
export const FACTS = [PATH_FACT, COMMAND_FACT, ERROR_FACT];
/** Words only the summary request's instructions contain. */
export const SUMMARY_MARK = 'You are writing a handoff note';

export const FULL_ACCESS = { sandbox: 'danger-full-access', approvalPolicy: 'never' } as const;

/** What a request costs by the bluntest measure: its whole JSON body (tools included) at four characters a token. */
export const bodyTokens = (rawBody: string) => Math.ceil(rawBody.length / 4);

/**
 * The scripted model: each turn runs one command (whose output fills the window), then answers; a summary
 * request is answered with a note that carries forward every key fact the request showed it.
 */
export class ScriptedSession {
  readonly summaryRequests: string[] = [];
  /** Answer the next N summary requests with a context-length error. */
  overflowNext = 0;
  /** Wait this long before answering a summary request (to type a message meanwhile). */
  summaryDelayMs = 0;
  private toolCalled = false;

  /** The user turn being played (1-based). */
  turn = 0;

  startTurn(turn: number): void {
    this.turn = turn;
    this.toolCalled = false;
  }

  route = ({ body }: { body: Record<string, unknown> }): ScriptStep => {
    const text = JSON.stringify(body);
    if (text.includes(SUMMARY_MARK)) {
      this.summaryRequests.push(text);
      if (this.overflowNext > 0) {
        this.overflowNext -= 1;
        return { status: 400, error: { message: "This model's maximum context length is 12000 tokens. Please reduce the length of the messages.", type: 'invalid_request_error', param: 'input', code: 'context_length_exceeded' } };
      }
      const carried = FACTS.filter((fact) => text.includes(JSON.stringify(fact).slice(1, -1)));
      return { delayMsBeforeResponse: this.summaryDelayMs, reply: { text: `## Task\nFix the parser build.\n## Progress\nWorked through turn ${this.turn}.\n## Critical data\n${carried.map((f) => `- ${f}`).join('\n')}\n## Next steps\n- Keep going.` } };
    }
    if (!this.toolCalled) {
      this.toolCalled = true;
      return { reply: { toolCalls: [{ name: 'shell', arguments: { command: commandFor(this.turn) } }] } };
    }
    return { reply: { text: `Turn ${this.turn} is done.` } };
  };
}

export function commandFor(turn: number): string {
  if (turn === 1) return `echo "${ERROR_FACT}" >&2; exit 1`;
  return `for i in $(seq 1 30); do echo "turn ${turn}: checked module_$i of the parser, all assertions passed"; done`;
}

export function userText(turn: number): string {
  if (turn === 1) return `The build is broken. The config lives in ${PATH_FACT}; run the tests with \`${COMMAND_FACT}\`. Find out why.`;
  return `Step ${turn}: check the next batch of parser modules.`;
}

