// The logger censors credentials wherever a request's headers end up in a log line.
import { createLogger } from '../../src/logger';

it('redacts authorization, x-api-key and cookie headers and the database URL', () => {
  const lines: string[] = [];
  const logger = createLogger({ logLevel: 'info', nodeEnv: 'test' }, { write: (l: string) => void lines.push(l) });
  const headers = { authorization: 'Bearer sk_secret_a', 'x-api-key': 'sk_secret_b', cookie: 'session=sk_secret_c', accept: 'application/json' };
  logger.info({ req: { headers }, databaseUrl: 'postgresql://u:sk_secret_d@db/x' }, 'request');
  logger.info({ headers }, 'headers');
  const text = lines.join('');
  expect(text).not.toMatch(/sk_secret/);
  expect(JSON.parse(lines[0]).req.headers).toEqual({ authorization: '***', 'x-api-key': '***', cookie: '***', accept: 'application/json' });
});
