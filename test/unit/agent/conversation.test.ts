// Rebuilding the model's view of a thread from its item log.
import { describe, expect, it } from 'vitest';
import type { AgentItem, CommandExecutionItem, ModelToolCall } from '../../../shared/contract';
import { buildConversation, type ImageLoader } from '../../../electron/core/agent/conversation';
import type { LoggedItem } from '../../../electron/core/agent/items';
import { ImageReadError } from '../../../electron/core/agent/tools/view-image';

let seq = 0;
const log = (turnId: string | null, item: AgentItem): LoggedItem => ({ turnId, seq: ++seq, item });
const call = (id: string, name = 'shell'): ModelToolCall => ({ callId: id, name, arguments: '{}' });
const user = (text: string, afterStep: number | null = null): AgentItem => ({ type: 'userMessage', id: `u-${text}`, text, images: [], steer: afterStep === null ? null : { afterStep } });
const said = (text: string, step: number): AgentItem => ({ type: 'agentMessage', id: `a-${text}`, text, step });
const ran = (id: string, step: number, output: string, extra: Partial<CommandExecutionItem> = {}): AgentItem => ({
  type: 'commandExecution',
  id: `c-${id}`,
  call: call(id),
  step,
  command: 'ls',
  cwd: '/repo',
  status: 'completed',
  exitCode: 0,
  output,
  durationMs: 1200,
  timedOut: false,
  sandbox: 'workspace-write',
  terminalId: null,
  reason: null,
  ...extra,
});
const noImages: ImageLoader = async () => {
  throw new Error('no images in this test');
};

describe('buildConversation', () => {
  it('groups one model call into one assistant entry, then its tool results', async () => {
    const entries = await buildConversation(
      [log(null, user('Hi')), log('t1', said('Let me look.', 1)), log('t1', ran('1', 1, 'a.txt')), log('t1', ran('2', 1, 'b.txt')), log('t1', said('Done.', 2))],
      noImages,
    );
    expect(entries.map((e) => e.kind)).toEqual(['user', 'assistant', 'toolResult', 'toolResult', 'assistant']);
    expect(entries[1]).toMatchObject({ text: 'Let me look.', toolCalls: [call('1'), call('2')] });
    expect(entries[2]).toMatchObject({ callId: '1', output: 'Exit code: 0\nWall time: 1.2 s\nOutput:\na.txt' });
    expect(entries[4]).toMatchObject({ text: 'Done.', toolCalls: [] });
  });

  it('tells the model what happened to declined, interrupted and timed-out commands', async () => {
    const entries = await buildConversation(
      [
        log(null, user('Go')),
        log('t1', ran('1', 1, '', { status: 'declined', exitCode: null, reason: 'The user declined to run this command: no.' })),
        log('t1', ran('2', 1, 'partial', { status: 'interrupted', exitCode: null })),
        log('t1', ran('3', 1, 'so far', { status: 'failed', exitCode: null, timedOut: true, durationMs: 5000 })),
      ],
      noImages,
    );
    const outputs = entries.filter((e) => e.kind === 'toolResult').map((e) => (e as { output: string }).output);
    expect(outputs).toEqual([
      'The command was not run. The user declined to run this command: no.',
      'The command was interrupted by the user.\nOutput so far:\npartial',
      'The command timed out after 5.0 s and was killed.\nOutput:\nso far',
    ]);
  });

  it('places a steering message after the model call it was typed during', async () => {
    // Typed while call 1's command ran: stored before the command completed, read after its result.
    const entries = await buildConversation(
      [log(null, user('Start')), log('t1', user('Also X', 1)), log('t1', ran('1', 1, 'out')), log('t1', said('Did X too.', 2))],
      noImages,
    );
    expect(entries.map((e) => (e.kind === 'user' ? `user:${e.text}` : e.kind))).toEqual(['user:Start', 'assistant', 'toolResult', 'user:Also X', 'assistant']);
  });

  it('a steer typed before the first call goes before that call’s output; one at the end goes last', async () => {
    const entries = await buildConversation(
      [log(null, user('Start')), log('t1', user('Early', 0)), log('t1', said('Answer', 1)), log('t1', user('Late', 1))],
      noImages,
    );
    expect(entries.map((e) => (e.kind === 'user' ? `user:${e.text}` : e.kind))).toEqual(['user:Start', 'user:Early', 'assistant', 'user:Late']);
  });

  it('leaves out turn-ending errors but answers invalid tool calls', async () => {
    const entries = await buildConversation(
      [
        log(null, user('Go')),
        log('t1', { type: 'error', id: 'e1', kind: 'invalidToolCall', message: 'There is no tool named "x".', httpStatus: null, call: call('9', 'x'), step: 1 }),
        log('t1', { type: 'error', id: 'e2', kind: 'server', message: 'The model server failed (500).', httpStatus: 500, call: null, step: null }),
      ],
      noImages,
    );
    expect(entries).toEqual([
      { kind: 'user', text: 'Go', images: [] },
      { kind: 'assistant', text: '', reasoning: [], toolCalls: [call('9', 'x')] },
      { kind: 'toolResult', callId: '9', output: 'There is no tool named "x".', images: [] },
    ]);
  });

  it('replays reasoning only when the server gave its encrypted state', async () => {
    const entries = await buildConversation(
      [
        log(null, user('Q')),
        log('t1', { type: 'reasoning', id: 'r1', summary: ['thinking'], replay: { id: 'rs_1', encryptedContent: 'enc' }, step: 1 }),
        log('t1', { type: 'reasoning', id: 'r2', summary: ['local'], replay: null, step: 1 }),
        log('t1', said('A', 1)),
      ],
      noImages,
    );
    expect(entries[1]).toEqual({ kind: 'assistant', text: 'A', reasoning: [{ id: 'rs_1', summary: ['thinking'], encryptedContent: 'enc' }], toolCalls: [] });
  });

  it('an image that can no longer be read becomes a note', async () => {
    const loader: ImageLoader = async (p) => {
      if (p === '/gone.png') throw new ImageReadError('/gone.png does not exist');
      return { dataUrl: 'data:image/png;base64,AA==' };
    };
    const entries = await buildConversation(
      [
        log(null, { type: 'userMessage', id: 'u', text: 'See these', images: ['/ok.png', '/gone.png'], steer: null }),
        log('t1', { type: 'imageView', id: 'v', call: call('1', 'view_image'), step: 1, path: '/ok.png', status: 'completed', reason: null }),
      ],
      loader,
    );
    expect(entries[0]).toEqual({ kind: 'user', text: 'See these\n[Image not available: /gone.png does not exist]', images: [{ dataUrl: 'data:image/png;base64,AA==' }] });
    expect(entries[2]).toMatchObject({ kind: 'toolResult', callId: '1', images: [{ dataUrl: 'data:image/png;base64,AA==' }] });
  });
});
