// The fake OpenAI server, driven by the real `openai` SDK over real HTTP: if the SDK's strict stream
// helpers accept what the fake sends, and the fake's own output matches OpenAI's spec, later tests that
// use the fake are testing against something faithful.
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAIServer } from '../support/fake-openai';
import { checkAgainstSpec, type SpecSchemaName } from '../support/openapi-validator';

const MODEL = 'gpt-5-mini';
const API_KEY = 'sk-test-fake-key-0123456789';

let server: FakeOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startFakeOpenAI({ apiKey: API_KEY, models: [MODEL] });
  client = new OpenAI({ baseURL: server.baseUrl, apiKey: API_KEY, maxRetries: 0, timeout: 10_000 });
});

afterEach(() => {
  try {
    server.assertNoViolations();
    server.assertScriptConsumed();
  } finally {
    server.reset();
  }
});

afterAll(async () => {
  await server.close();
});

/** Reads an SSE body the way a plain client would, returning each `event:`/`data:` pair. */
async function readSse(response: Response): Promise<Array<{ event: string | null; data: string }>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length) ?? null;
      const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice('data: '.length)).join('\n');
      return { event, data };
    });
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function expectSpec(schema: SpecSchemaName, value: unknown): void {
  const check = checkAgainstSpec(schema, value);
  expect(check, `${schema}: ${JSON.stringify(value).slice(0, 400)}`).toEqual({ ok: true });
}

describe('fake OpenAI server: its own output matches the spec', () => {
  const richReply = {
    reasoning: ['**Looking around**\n\nI should list the files.', 'Then read the README.'],
    text: 'Let me look.',
    toolCalls: [
      { name: 'shell', arguments: { cmd: 'ls -la' } },
      { name: 'read_file', arguments: '{"path":"README.md"}', callId: 'call_given' },
    ],
  };

  it('emits only ResponseStreamEvents, in the order OpenAI sends them', async () => {
    server.script([{ responses: richReply }, { responses: { text: 'Cut short', truncated: true } }, {
      responses: { text: 'Partial', failure: { code: 'server_error', message: 'The model failed.' } },
    }]);
    const seen: string[][] = [];
    for (let i = 0; i < 3; i++) {
      const frames = await readSse(await post('/responses', { model: MODEL, input: 'list files', stream: true }));
      frames.forEach((frame, index) => {
        const event = JSON.parse(frame.data) as { type: string; sequence_number: number };
        expect(frame.event).toBe(event.type);
        expect(event.sequence_number).toBe(index);
        expectSpec('ResponseStreamEvent', event);
      });
      seen.push(frames.map((f) => f.event ?? ''));
    }
    expect(seen[0]).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      ...Array(7).fill('response.reasoning_summary_text.delta'),
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.reasoning_summary_part.added',
      ...Array(4).fill('response.reasoning_summary_text.delta'),
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      ...Array(3).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      ...Array(2).fill('response.function_call_arguments.delta'),
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.output_item.added',
      ...Array(3).fill('response.function_call_arguments.delta'),
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(seen[1]?.at(-1)).toBe('response.incomplete');
    expect(seen[2]?.at(-1)).toBe('response.failed');
  });

  it('returns Response, chat completion, chunk, model and error bodies that match the spec', async () => {
    server.script([{ responses: richReply }, { chat: richReply }, { chat: { ...richReply, usage: { inputTokens: 7 } } }]);

    expectSpec('Response', await (await post('/responses', { model: MODEL, input: 'hi' })).json());
    // reasoning_content is what local servers add for reasoning; it is not in OpenAI's schema, so it is
    // checked separately from the spec.
    const completion = (await (await post('/chat/completions', { model: MODEL, messages: [{ role: 'user', content: 'hi' }] })).json()) as {
      choices: Array<{ message: Record<string, unknown> }>;
    };
    expect(completion.choices[0]?.message['reasoning_content']).toBe(richReply.reasoning.join(''));
    delete completion.choices[0]?.message['reasoning_content'];
    expectSpec('CreateChatCompletionResponse', completion);

    const frames = await readSse(
      await post('/chat/completions', {
        model: MODEL,
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(frames.at(-1)?.data).toBe('[DONE]');
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.data) as { choices: Array<{ delta: Record<string, unknown> }>; usage: unknown });
    for (const chunk of chunks) {
      delete chunk.choices[0]?.delta['reasoning_content'];
      expectSpec('CreateChatCompletionStreamResponse', chunk);
    }
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 7 } });

    const models = await fetch(`${server.baseUrl}/models`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expectSpec('ListModelsResponse', await models.json());
    const model = await fetch(`${server.baseUrl}/models/${MODEL}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expectSpec('Model', await model.json());
    const unauthorized = await fetch(`${server.baseUrl}/models`);
    expectSpec('ErrorResponse', await unauthorized.json());
  });
});

describe('fake OpenAI server with the openai SDK', () => {
  it('streams a text turn through responses.stream() and records the request', async () => {
    server.script([{ responses: { text: 'Hello there, world!', usage: { inputTokens: 12, outputTokens: 5 } } }]);

    const stream = client.responses.stream({ model: MODEL, input: 'Say hello', instructions: 'Be brief.' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const response = await stream.finalResponse();

    expect(deltas).toEqual(['Hello', ' there,', ' world!']);
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Hello there, world!');
    expect(response.usage).toMatchObject({ input_tokens: 12, output_tokens: 5, total_tokens: 17 });
    expect(response.instructions).toBe('Be brief.');

    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/responses', endpoint: 'responses', stream: true, status: 200 });
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toMatchObject({ model: MODEL, input: 'Say hello', instructions: 'Be brief.', stream: true });
  });

  it('streams reasoning summaries and function calls through responses.stream()', async () => {
    server.script([
      {
        responses: {
          reasoning: ['Planning the listing.'],
          toolCalls: [{ name: 'shell', arguments: { cmd: 'ls' }, callId: 'call_1' }],
          usage: { reasoningTokens: 30 },
        },
      },
    ]);
    const stream = client.responses.stream({
      model: MODEL,
      input: [{ role: 'user', content: 'What is here?' }],
      tools: [
        {
          type: 'function',
          name: 'shell',
          description: 'Run a command',
          parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'], additionalProperties: false },
          strict: true,
        },
      ],
      reasoning: { effort: 'low', summary: 'auto' },
    });
    const argumentSnapshots: string[] = [];
    stream.on('response.function_call_arguments.delta', (event) => argumentSnapshots.push(event.snapshot));
    const summaries: string[] = [];
    stream.on('response.reasoning_summary_text.done', (event) => summaries.push(event.text));
    const response = await stream.finalResponse();

    expect(summaries).toEqual(['Planning the listing.']);
    expect(argumentSnapshots.at(-1)).toBe('{"cmd":"ls"}');
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'function_call']);
    expect(response.output[1]).toMatchObject({ type: 'function_call', name: 'shell', call_id: 'call_1', arguments: '{"cmd":"ls"}', status: 'completed' });
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(30);
    // The tools the client declared come back on the response, as OpenAI echoes them.
    expect(response.tools).toHaveLength(1);

    // The next turn carries the tool output back; the fake checks that body against the spec too.
    server.script([{ responses: { text: 'There is one file.' } }]);
    const next = await client.responses.create({
      model: MODEL,
      input: [
        { role: 'user', content: 'What is here?' },
        { type: 'function_call', call_id: 'call_1', name: 'shell', arguments: '{"cmd":"ls"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'README.md' },
      ],
    });
    expect(next.output_text).toBe('There is one file.');
    expect(server.requests[1]?.body).toMatchObject({ input: [{}, { type: 'function_call' }, { type: 'function_call_output', output: 'README.md' }] });
  });

  it('streams chat completions with tool calls in pieces', async () => {
    server.script([
      {
        chat: {
          text: 'Checking.',
          toolCalls: [
            { name: 'shell', arguments: '{"cmd":"git status --short"}', callId: 'call_a' },
            { name: 'shell', arguments: '{"cmd":"ls"}', callId: 'call_b' },
          ],
        },
      },
    ]);
    const raw = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'status?' }],
      tools: [{ type: 'function', function: { name: 'shell', parameters: { type: 'object', properties: { cmd: { type: 'string' } } } } }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const pieces: Array<{ index: number; id?: string; arguments?: string }> = [];
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    let content = '';
    for await (const chunk of raw) {
      const choice = chunk.choices[0];
      content += choice?.delta.content ?? '';
      for (const call of choice?.delta.tool_calls ?? []) {
        pieces.push({ index: call.index, id: call.id, arguments: call.function?.arguments });
      }
      finishReason = choice?.finish_reason ?? finishReason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(content).toBe('Checking.');
    expect(finishReason).toBe('tool_calls');
    expect(usage?.total_tokens).toBeGreaterThan(0);
    // Each call starts with a piece carrying its id and an empty argument string, then argument slices.
    expect(pieces[0]).toEqual({ index: 0, id: 'call_a', arguments: '' });
    expect(pieces.filter((p) => p.index === 0).map((p) => p.arguments).join('')).toBe('{"cmd":"git status --short"}');
    expect(pieces.filter((p) => p.index === 1 && p.id).map((p) => p.id)).toEqual(['call_b']);

    // The SDK's accumulating helper assembles the same calls.
    server.script([{ chat: { toolCalls: [{ name: 'shell', arguments: { cmd: 'pwd' }, callId: 'call_c' }] } }]);
    const stream = client.chat.completions.stream({ model: MODEL, messages: [{ role: 'user', content: 'where?' }] });
    const completion = await stream.finalChatCompletion();
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      { id: 'call_c', type: 'function', function: { name: 'shell', arguments: '{"cmd":"pwd"}' } },
    ]);
    expect(server.requests.map((r) => r.endpoint)).toEqual(['chat', 'chat']);
  });

  it('answers non-streaming requests and lists models', async () => {
    server.script([{ reply: { text: 'ok' } }, { reply: { text: 'ok too' } }]);
    const response = await client.responses.create({ model: MODEL, input: 'ping', max_output_tokens: 16 });
    expect(response.output_text).toBe('ok');
    const completion = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'ping' }], max_tokens: 5 });
    expect(completion.choices[0]?.message.content).toBe('ok too');
    expect(completion.choices[0]?.finish_reason).toBe('stop');

    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual([MODEL]);
    expect((await client.models.retrieve(MODEL)).id).toBe(MODEL);
  });

  it('rejects a wrong API key with OpenAI’s 401 invalid_api_key', async () => {
    const wrong = new OpenAI({ baseURL: server.baseUrl, apiKey: 'sk-wrong-key-abcdef', maxRetries: 0 });
    const error = await wrong.responses.create({ model: MODEL, input: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect((error as Error).message).toContain('Incorrect API key provided: sk-');
    expect((error as Error).message).not.toContain('sk-wrong-key-abcdef');

    server.script([{ status: 401 }]);
    const scripted = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(scripted).toMatchObject({ status: 401, code: 'invalid_api_key' });
  });

  it('makes the SDK wait for retry-after on a 429, then succeeds', async () => {
    server.script([{ status: 429, headers: { 'retry-after': '1' } }, { responses: { text: 'after the wait' } }]);
    const retrying = new OpenAI({ baseURL: server.baseUrl, apiKey: API_KEY, maxRetries: 1 });
    const started = performance.now();
    const response = await retrying.responses.stream({ model: MODEL, input: 'hi' }).finalResponse();
    const elapsed = performance.now() - started;

    expect(response.output_text).toBe('after the wait');
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(server.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1']);

    server.script([{ status: 429 }]);
    const error = await client.responses.create({ model: MODEL, input: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ code: 'rate_limit_exceeded' });
  });

  it('answers a scripted 500 with a server error', async () => {
    server.script([{ status: 500 }]);
    const error = await client.responses.create({ model: MODEL, input: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
  });

  it('breaks the stream with a malformed SSE line', async () => {
    server.script([{ responses: { text: 'never arrives' }, malformedSse: true }, { chat: { text: 'nor this' }, malformedSse: true }]);
    // The SDK wraps the JSON.parse failure of the broken line (and would log it, hence logLevel off).
    const quiet = new OpenAI({ baseURL: server.baseUrl, apiKey: API_KEY, maxRetries: 0, logLevel: 'off' });
    const notJson = { cause: expect.any(SyntaxError) };
    await expect(quiet.responses.stream({ model: MODEL, input: 'hi' }).finalResponse()).rejects.toMatchObject(notJson);
    const chat = quiet.chat.completions.stream({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    await expect(chat.finalChatCompletion()).rejects.toMatchObject(notJson);
    expect(server.requests.map((r) => r.ending)).toEqual(['malformed', 'malformed']);
  });

  it('cuts a stream: a reset is a network error, a clean EOF leaves the response unfinished', async () => {
    server.script([
      { responses: { text: 'one two three four' }, cutAfterEvents: 5 },
      { responses: { text: 'one two three four' }, cutAfterEvents: 5, cutMode: 'eof' },
    ]);
    const seen: string[] = [];
    const reset = client.responses.stream({ model: MODEL, input: 'hi' });
    reset.on('event', (event) => seen.push(event.type));
    await expect(reset.finalResponse()).rejects.toThrow();
    expect(seen).toHaveLength(5);
    expect(server.requests[0]).toMatchObject({ ending: 'cut-reset', clientAborted: false });

    // The SDK does not notice a clean end before response.completed: callers must check the status.
    const eof = await client.responses.stream({ model: MODEL, input: 'hi' }).finalResponse();
    expect(eof.status).toBe('in_progress');
    expect(eof.output_text).toBe('one');
    expect(server.requests[1]?.ending).toBe('cut-eof');
  });

  it('streams slowly and notices when the client cancels', async () => {
    server.script([{ responses: { text: 'a b c d e f g h' }, delayMsBetweenEvents: 200 }]);
    const controller = new AbortController();
    const stream = client.responses.stream({ model: MODEL, input: 'hi' }, { signal: controller.signal });
    const started = performance.now();
    stream.on('response.output_text.delta', () => controller.abort());
    await expect(stream.finalResponse()).rejects.toThrow(OpenAI.APIUserAbortError);
    // created, in_progress, item added, part added, first delta: four pauses of 200 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(750);
    await expect.poll(() => server.requests[0]?.clientAborted).toBe(true);
    expect(server.requests[0]?.ending).toBe('client-gone');
  });

  it('flags a request that does not match the spec, and answers it with a 400', async () => {
    const error = await client.chat.completions
      .create({ model: MODEL, messages: [], temperature: 5 } as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(server.violations).toHaveLength(1);
    expect(server.violations[0]).toMatchObject({ kind: 'schema', method: 'POST', path: '/v1/chat/completions' });
    expect(server.violations[0]?.details.join('\n')).toMatch(/messages must NOT have fewer than 1 items/);
    expect(server.violations[0]?.details.join('\n')).toMatch(/temperature must be <= 2/);
    expect(() => server.assertNoViolations()).toThrow(/saw 1 bad request/);

    const badItem = await client.responses
      .create({
        model: MODEL,
        input: [{ type: 'function_call_output', call_id: 'call_1', output: 42 }],
      } as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(badItem).toMatchObject({ status: 400 });
    expect(server.violations).toHaveLength(2);
    server.reset();
  });

  it('answers unknown paths, unknown models and unscripted requests like a real server would', async () => {
    const notFound = await fetch(`${server.origin}/v2/nothing`, { method: 'POST' });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({
      error: { message: 'Invalid URL (POST /v2/nothing)', type: 'invalid_request_error', param: null, code: null },
    });

    const responsesModel = await client.responses.create({ model: 'gpt-nope', input: 'hi' }).catch((e: unknown) => e);
    expect(responsesModel).toMatchObject({ status: 400, code: 'model_not_found' });
    const chatModel = await client.chat.completions.create({ model: 'gpt-nope', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(chatModel).toMatchObject({ status: 404, code: 'model_not_found' });

    const unscripted = await client.responses.create({ model: MODEL, input: 'hi' }).catch((e: unknown) => e);
    expect(unscripted).toMatchObject({ status: 500 });
    server.script([{ chat: { text: 'for chat only' } }]);
    const mismatch = await client.responses.create({ model: MODEL, input: 'hi' }).catch((e: unknown) => e);
    expect(mismatch).toMatchObject({ status: 500 });
    expect(server.violations.map((v) => v.kind)).toEqual(['unscripted', 'script-mismatch']);
    expect(server.pendingSteps).toBe(1);
    server.reset();
  });

  it('can imitate a server without the Responses API', async () => {
    const chatOnly = await startFakeOpenAI({ apis: { responses: false }, notFoundStyle: 'plain' });
    try {
      const sdk = new OpenAI({ baseURL: chatOnly.baseUrl, apiKey: 'unused', maxRetries: 0 });
      const error = await sdk.responses.create({ model: 'gpt-5-mini', input: 'hi' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      expect((error as Error).message).toBe('404 404 page not found');
      chatOnly.script([{ reply: { text: 'chat works' } }]);
      const completion = await sdk.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0]?.message.content).toBe('chat works');
      chatOnly.assertNoViolations();
    } finally {
      await chatOnly.close();
    }
  });

  it('refuses a script step that cannot mean anything', () => {
    expect(() => server.script([{ status: 200 }])).toThrow(/HTTP error status/);
    expect(() => server.script([{ reply: { text: 'a' }, chat: { text: 'b' } }])).toThrow(/only one of/);
    expect(server.pendingSteps).toBe(0);
  });
});
