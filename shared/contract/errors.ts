/** Errors that cross the contract. Both transports carry them as plain data; the client rethrows them. */

export type RpcErrorCode =
  | 'invalid_input' // the payload did not match the method's schema
  | 'unknown_method' // no such method in the contract
  | 'not_found' // the thing named does not exist
  | 'conflict' // the request is valid but the current state refuses it
  | 'unavailable' // the feature is not available in this mode or on this platform
  | 'internal' // a bug or an unexpected failure in the core
  | 'transport'; // the connection to the core failed

export interface RpcIssue {
  path: string;
  message: string;
}

export interface RpcErrorData {
  code: RpcErrorCode;
  message: string;
  issues?: RpcIssue[];
}

export class RpcError extends Error {
  readonly code: RpcErrorCode;
  readonly issues: RpcIssue[] | undefined;

  constructor(code: RpcErrorCode, message: string, issues?: RpcIssue[]) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.issues = issues;
  }

  toData(): RpcErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromData(data: RpcErrorData): RpcError {
    return new RpcError(data.code, data.message, data.issues);
  }
}

/** What every invoke resolves to on the wire, whichever transport carried it. */
export type RpcResult<T = unknown> = { ok: true; result: T } | { ok: false; error: RpcErrorData };

export function isRpcResult(value: unknown): value is RpcResult {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  if (v.ok === true) return true;
  return v.ok === false && typeof v.error === 'object' && v.error !== null;
}
