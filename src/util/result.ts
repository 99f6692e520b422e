/**
 * Result type for expected failures (bad input, infeasible requests). Bugs throw.
 *
 * @example
 * const r = parsePositive(-1);
 * if (!r.ok) report(r.error);
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** Unwrap a result, throwing (a bug) when it is an error. For tests and internal invariants. */
export function unwrap<T, E>(r: Result<T, E>): T {
  if (r.ok) return r.value;
  throw new Error(`unwrap on error result: ${JSON.stringify(r.error)}`);
}
