// graphql-http's GraphQL-over-HTTP conformance audit against a real server: no MUST or SHOULD
// fails. The MAY notices left are GET requests without a CSRF-safe header, which Apollo's CSRF
// prevention refuses on purpose.
import { auditServer } from 'graphql-http';
import { databaseKinds } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';

describe.each(databaseKinds)('GraphQL over HTTP audit (%s)', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind, { env: { NODE_ENV: 'production' } });
  });
  afterAll(() => s?.stop());

  it('has no MUST or SHOULD failures', async () => {
    const results = await auditServer({ url: `${s.url}/graphql` });
    const failed = results
      .filter((r) => r.status !== 'ok' && !r.name.startsWith('MAY '))
      .map((r) => `${r.status}: ${r.name}${'reason' in r ? ` (${r.reason})` : ''}`);
    expect(failed).toEqual([]);
    expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThan(40);
  });
});
