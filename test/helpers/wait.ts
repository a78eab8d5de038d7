// Waiting on an event instead of sleeping for a fixed time: poll a condition until it holds, or
// until a deadline (the deadline only bounds a failure; a passing test never waits for it).
import type { EventEmitter } from 'node:events';

export interface WaitOptions {
  /** Give up (reject) after this long; default 10 s. */
  timeoutMs?: number;
  /** How often to check the condition; default 20 ms. */
  intervalMs?: number;
  /** Named in the error when the deadline passes. */
  what?: string;
}

/** Resolves with the condition's first truthy value; rejects when the deadline passes first. */
export async function waitFor<T>(condition: () => T | Promise<T>, opts: WaitOptions = {}): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const { timeoutMs = 10_000, intervalMs = 20, what = 'a condition' } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Resolves with the arguments of the next `event` of `emitter`; rejects on the deadline. */
export function nextEvent(emitter: EventEmitter, event: string, opts: Pick<WaitOptions, 'timeoutMs' | 'what'> = {}): Promise<unknown[]> {
  const { timeoutMs = 10_000, what = `the "${event}" event` } = opts;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, on);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const on = (...args: unknown[]) => {
      clearTimeout(timer);
      resolve(args);
    };
    emitter.once(event, on);
  });
}
