// The conversation as each wire API receives it: every entry kind maps to the right request items, and a
// full request body is valid against OpenAI's published spec.
import { describe, expect, it } from 'vitest';
import { chatBody, toChatMessages } from '../../../../electron/core/agent/model/chat-client';
import { isReasoningModel, responsesBody, toResponsesInput } from '../../../../electron/core/agent/model/responses-client';
import type { ConversationEntry, ModelRequest } from '../../../../electron/core/agent/model/types';
import { checkAgainstSpec } from '../../../support/openapi-validator';

const IMAGE = { dataUrl: 'data:image/png;base64,iVBORw0KGgo=' };
const conversation: ConversationEntry[] = [
  { kind: 'user', text: 'Fix the test', images: [] },
  {
    kind: 'assistant',
    text: 'Looking.',
    reasoning: [{ id: 'rs_1', summary: ['Plan first.'], encryptedContent: 'gAAAA' }],
    toolCalls: [
      { callId: 'call_1', name: 'shell', arguments: '{"command":"ls"}' },
      { callId: 'call_2', name: 'view_image', arguments: '{"path":"a.png"}' },
    ],
  },
  { kind: 'toolResult', callId: 'call_1', output: 'Exit code: 0\nOutput:\na.png', images: [] },
  { kind: 'toolResult', callId: 'call_2', output: 'Here is the image a.png.', images: [IMAGE] },
  { kind: 'assistant', text: '', reasoning: [], toolCalls: [] },
  { kind: 'assistant', text: 'Done.', reasoning: [], toolCalls: [] },
];
const tools = [{ name: 'shell', description: 'Run a command', parameters: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] } }];
const request = (model = 'gpt-5-mini'): ModelRequest => ({
  model,
  instructions: 'Be useful.',
  input: conversation,
  tools,
  cacheKey: 'thread-1',
  signal: new AbortController().signal,
});

describe('Responses API', () => {
  it('maps each entry to input items', () => {
    expect(toResponsesInput(conversation)).toEqual([
      { type: 'message', role: 'user', content: 'Fix the test' },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Plan first.' }], encrypted_content: 'gAAAA' },
      { type: 'message', role: 'assistant', content: 'Looking.' },
      { type: 'function_call', call_id: 'call_1', name: 'shell', arguments: '{"command":"ls"}' },
      { type: 'function_call', call_id: 'call_2', name: 'view_image', arguments: '{"path":"a.png"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'Exit code: 0\nOutput:\na.png' },
      {
        type: 'function_call_output',
        call_id: 'call_2',
        output: [
          { type: 'input_text', text: 'Here is the image a.png.' },
          { type: 'input_image', image_url: IMAGE.dataUrl, detail: 'auto' },
        ],
      },
      { type: 'message', role: 'assistant', content: 'Done.' },
    ]);
  });

  it('builds a stateless streaming body that matches the spec', () => {
    const body = responsesBody(request());
    expect(body).toMatchObject({ stream: true, store: false, parallel_tool_calls: false, prompt_cache_key: 'thread-1', reasoning: { summary: 'auto' }, include: ['reasoning.encrypted_content'] });
    expect(body.tools).toEqual([{ type: 'function', name: 'shell', description: 'Run a command', parameters: tools[0]!.parameters, strict: false }]);
    expect(checkAgainstSpec('CreateResponse', body)).toEqual({ ok: true });
  });

  it('asks for reasoning options only from models that take them', () => {
    expect(isReasoningModel('gpt-5.1')).toBe(true);
    expect(isReasoningModel('o3-mini')).toBe(true);
    expect(isReasoningModel('gpt-4o')).toBe(false);
    expect(responsesBody(request('gpt-4o'))).not.toHaveProperty('reasoning');
    expect(checkAgainstSpec('CreateResponse', responsesBody(request('gpt-4o')))).toEqual({ ok: true });
  });

  it('a user message with images becomes a content list', () => {
    expect(toResponsesInput([{ kind: 'user', text: 'Look', images: [IMAGE] }])).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Look' }, { type: 'input_image', image_url: IMAGE.dataUrl, detail: 'auto' }] },
    ]);
  });
});

describe('Chat Completions', () => {
  it('maps each entry to messages, images after the tool message, reasoning-only steps dropped', () => {
    expect(toChatMessages(conversation)).toEqual([
      { role: 'user', content: 'Fix the test' },
      {
        role: 'assistant',
        content: 'Looking.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'shell', arguments: '{"command":"ls"}' } },
          { id: 'call_2', type: 'function', function: { name: 'view_image', arguments: '{"path":"a.png"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'Exit code: 0\nOutput:\na.png' },
      { role: 'tool', tool_call_id: 'call_2', content: 'Here is the image a.png.' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: IMAGE.dataUrl } }] },
      { role: 'assistant', content: 'Done.' },
    ]);
  });

  it('builds a streaming body with usage that matches the spec', () => {
    const body = chatBody(request());
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Be useful.' });
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true }, tool_choice: 'auto' });
    expect(checkAgainstSpec('CreateChatCompletionRequest', body)).toEqual({ ok: true });
    expect(chatBody({ ...request(), tools: [] })).not.toHaveProperty('tools');
  });
});
