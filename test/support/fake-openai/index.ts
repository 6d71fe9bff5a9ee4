// The fake OpenAI-compatible server used by all tests. See server.ts for what it does and script.ts for
// how a test scripts its replies.
import net from 'node:net';

export {
  DEFAULT_FAKE_MODELS,
  startFakeOpenAI,
  type Endpoint,
  type FakeOpenAIOptions,
  type FakeOpenAIServer,
  type RecordedRequest,
  type Violation,
} from './server';
export type {
  ErrorStep,
  ModelReply,
  OpenAIErrorObject,
  ReplyStep,
  ScriptStep,
  ScriptedToolCall,
  ScriptedUsage,
  StreamShaping,
} from './script';

/**
 * A loopback base URL on which nothing listens: a port the OS just handed out and that was closed again,
 * for "server unreachable" tests (connection refused).
 */
export async function closedPortBaseUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}
