// Named (prepared) statements for the API's reads on PostgreSQL. An unnamed statement is parsed,
// analysed and planned on every execution; a named one is parsed once per connection, and after a
// few executions PostgreSQL may keep a generic plan (plan_cache_mode), so a repeated read skips
// both. The reads' SQL differs only by shape (values are parameters), so a few hundred texts cover
// them; beyond the bound a text runs unnamed, as before, so no connection accumulates statements
// without limit.
import { createHash } from 'node:crypto';

/** Distinct statement texts that get a name (per process; each connection prepares those it runs). */
export const MAX_PREPARED_STATEMENTS = 500;

/** The adapter's statementNameGenerator: a name derived from the text, or '' (unnamed) past the bound. */
export function preparedStatementNames(max = MAX_PREPARED_STATEMENTS): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= max) return '';
      // Equal texts, equal names: pg refuses one name for two texts on a connection.
      name = `argentum_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
      names.set(sql, name);
    }
    return name;
  };
}
