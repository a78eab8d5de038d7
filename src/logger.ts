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
    // Never log credentials, even by accident.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'databaseUrl'], censor: '***' },
  };
  return destination ? pino(options, destination) : pino(options);
}
