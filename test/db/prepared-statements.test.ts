// Named statements for PostgreSQL reads (src/db/prepared-statements.ts): one name per text, the same
// name for the same text, and unnamed ('') past the bound.
import { preparedStatementNames } from '../../src/db/prepared-statements';

describe('preparedStatementNames', () => {
  test('gives each text its own name, the same each time', () => {
    const nameOf = preparedStatementNames();
    const a = nameOf({ sql: 'SELECT 1 WHERE $1::int > 0' });
    const b = nameOf({ sql: 'SELECT 2 WHERE $1::int > 0' });
    expect(a).toMatch(/^argentum_[0-9a-f]{32}$/);
    expect(b).not.toBe(a);
    expect(nameOf({ sql: 'SELECT 1 WHERE $1::int > 0' })).toBe(a);
    // A name depends on the text only: another process (or instance) names it alike.
    expect(preparedStatementNames()({ sql: 'SELECT 1 WHERE $1::int > 0' })).toBe(a);
  });

  test('past the bound, new texts run unnamed and the named ones keep their names', () => {
    const nameOf = preparedStatementNames(2);
    const first = nameOf({ sql: 'SELECT 1' });
    nameOf({ sql: 'SELECT 2' });
    expect(nameOf({ sql: 'SELECT 3' })).toBe('');
    expect(nameOf({ sql: 'SELECT 1' })).toBe(first);
  });
});
