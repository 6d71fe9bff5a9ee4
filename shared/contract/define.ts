/**
 * Building blocks of the contract. A method pairs a zod input schema (checked at the transport edge)
 * with an output type (a phantom: outputs come from our own core, so they are typed, not re-validated).
 * An event carries a typed payload only.
 */
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom field: never set, only carries the output type. */
  readonly output?: O;
}

export interface EventSpec<P> {
  /** Phantom field: never set, only carries the payload type. */
  readonly payload?: P;
}

/** `method<Output>()(inputSchema)`: the output type is explicit, the input type is inferred. */
export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}

export function event<P>(): EventSpec<P> {
  return {};
}
