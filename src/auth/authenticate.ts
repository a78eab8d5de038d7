// Who is asking: the API key a request presents (`Authorization: Bearer <key>`; `X-API-Key` too),
// checked once per request before the body is read. No key: anonymous, which is enough for reads.
// A key that does not verify (unknown, revoked, mistyped) is refused at once with 401, whatever the
// operation: a client whose key is wrong should learn it from its first request, not from its first
// write. Which role an operation needs is checked later, once it is parsed (src/auth/authorize.ts).
import type { NextFunction, Request, Response } from 'express';
import { ErrorCodes } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Principal } from './keys.js';

/** What the request's key turned out to be. `unavailable`: the database could not be asked. */
export type AuthState = { state: 'anonymous' } | { state: 'key'; principal: Principal } | { state: 'unavailable' };

/** Where the state is kept on the express response (res.locals), for the GraphQL context. */
export const AUTH_STATE = 'argentumAuth';

export const WWW_AUTHENTICATE = 'Bearer realm="argentum"';

/** The API key a request presents (`Authorization: Bearer <key>` or `X-API-Key`), if any. */
export function apiKeyOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
  const key = bearer ?? (typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'].trim() : undefined);
  return key || undefined;
}

export function authStateOf(res: Response): AuthState {
  return (res.locals[AUTH_STATE] as AuthState | undefined) ?? { state: 'anonymous' };
}

export interface KeyVerifier {
  verify(presented: string): Promise<Principal | null>;
}

export function authenticate(verifier: KeyVerifier, logger: Logger) {
  return async function authenticateRequest(req: Request, res: Response, next: NextFunction): Promise<void> {
    const key = apiKeyOf(req);
    let state: AuthState = { state: 'anonymous' };
    if (key) {
      try {
        const principal = await verifier.verify(key);
        if (!principal) {
          res
            .status(401)
            .set('WWW-Authenticate', `${WWW_AUTHENTICATE}, error="invalid_token"`)
            .json({
              errors: [
                {
                  message:
                    'The API key is not valid: it is unknown, revoked or mistyped. Send a key made with `npm run keys -- create` as `Authorization: Bearer <key>`; reads need no key.',
                  extensions: { code: ErrorCodes.UNAUTHENTICATED },
                },
              ],
            });
          return;
        }
        state = { state: 'key', principal };
      } catch (err) {
        // Reads go on without the key (they are public, and may be served from the cache); a write
        // that needs it is answered 503 by the authorization check.
        logger.warn({ reason: err instanceof Error ? err.message.split('\n').pop() : String(err) }, 'could not check an API key: the database did not answer');
        state = { state: 'unavailable' };
      }
    }
    res.locals[AUTH_STATE] = state;
    next();
  };
}
