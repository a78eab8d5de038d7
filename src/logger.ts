// Structured JSON logs (pino), one object per line on stdout unless a destination is given.
import { pino, type Logger, type DestinationStream } from 'pino';
import type { AppConfig } from './config.js';

export type { Logger };

export function createLogger(
  config: Pick<AppConfig, 'logLevel' | 'nodeEnv'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'argentum' },
    // Never log credentials, even by accident: API keys (authorization, x-api-key), cookies, the database password.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
        'headers.authorization',
        'headers["x-api-key"]',
        'headers.cookie',
        'res.headers["set-cookie"]',
        'databaseUrl',
      ],
      censor: '***',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
