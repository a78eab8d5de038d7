// graphql-depth-limit 1.1.0 ships no types.
declare module 'graphql-depth-limit' {
  import type { ValidationContext } from 'graphql';
  interface DepthLimitOptions {
    ignore?: string | RegExp | ((fieldName: string) => boolean) | Array<string | RegExp | ((fieldName: string) => boolean)>;
  }
  /** Returns a validation rule; `callback` receives each operation's depth (by operation name, '' when anonymous). */
  function depthLimit(
    maxDepth: number,
    options?: DepthLimitOptions,
    callback?: (depths: Record<string, number>) => void,
  ): (context: ValidationContext) => ValidationContext;
  export = depthLimit;
}
