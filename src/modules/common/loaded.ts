// Values that are often known already and otherwise loaded: answering synchronously when known
// saves graphql-js a promise per field per row, which showed in profiles of long nested lists.

export type MaybePromise<T> = T | Promise<T>;

/** `f(value)`, now when `value` is known, after it resolves otherwise. */
export function whenLoaded<T, R>(value: MaybePromise<T>, f: (v: T) => R): MaybePromise<R> {
  return value instanceof Promise ? value.then(f) : f(value);
}
