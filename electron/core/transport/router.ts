/**
 * The one place where a contract call is checked and dispatched. Both transports (IPC and WebSocket)
 * hand raw (method, input) pairs here and send back whatever RpcResult comes out; nothing a caller
 * sends can make this throw.
 */
import {
  isMethodName,
  methods,
  RpcError,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type RpcResult,
} from '../../../shared/contract';

/** Who is calling: used for logging and per-connection state (e.g. terminal flow control). */
export interface CallContext {
  /** Stable id of the connection or window that made the call. */
  clientId: string;
}

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  ctx: CallContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

export interface RouterLogger {
  error(message: string, err: unknown): void;
}

export class Router {
  constructor(
    private readonly handlers: Handlers,
    private readonly logger: RouterLogger = { error: (m, e) => console.error(m, e) },
  ) {}

  async dispatch(method: unknown, input: unknown, ctx: CallContext): Promise<RpcResult> {
    if (!isMethodName(method)) {
      const name = typeof method === 'string' ? `"${method.slice(0, 100)}"` : `a ${typeof method}`;
      return { ok: false, error: { code: 'unknown_method', message: `Unknown method ${name}` } };
    }
    const parsed = methods[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      const first = issues[0];
      const where = first && first.path ? ` (${first.path}: ${first.message})` : first ? ` (${first.message})` : '';
      return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${method}${where}`, issues } };
    }
    try {
      const handler = this.handlers[method] as Handler<MethodName>;
      const result = await handler(parsed.data as MethodParsedInput<MethodName>, ctx);
      return { ok: true, result: result === undefined ? null : result };
    } catch (err) {
      if (err instanceof RpcError) return { ok: false, error: err.toData() };
      this.logger.error(`[tandem] ${method} failed`, err);
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'internal', message: `${method} failed: ${message}` } };
    }
  }
}
