// The README's tables of configuration variables, limits and error codes match the declarations
// in src/config.ts and src/errors.ts. On a mismatch the expected table is printed: paste it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARS, configTable, loadConfig } from '../../src/config';
import { ERROR_CODES, errorCodesTable } from '../../src/errors';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The markdown table that starts with `header` in the README, as text. */
function tableAt(header: string): string {
  const start = readme.indexOf(header);
  if (start < 0) return '';
  const lines: string[] = [];
  for (const line of readme.slice(start).split('\n')) {
    if (!line.startsWith('|')) break;
    lines.push(line);
  }
  return lines.join('\n');
}

/** Cells of a table row; a `|` inside a cell would split it, so every row must have as many as the header. */
const cells = (row: string) => row.split('|').slice(1, -1).map((c) => c.trim());

describe('README', () => {
  it('documents every configuration variable as declared in src/config.ts', () => {
    expect(tableAt('| variable | default | |')).toBe(configTable());
    for (const row of configTable().split('\n')) expect(cells(row)).toHaveLength(3);
  });

  it('documents every error code as catalogued in src/errors.ts', () => {
    expect(tableAt('| `extensions.code` | HTTP status | meaning |')).toBe(errorCodesTable());
    for (const row of errorCodesTable().split('\n')) expect(cells(row)).toHaveLength(3);
  });

  it('gives the limits with the defaults the configuration has', () => {
    const rows = tableAt('| limit | default | variable | counted |').split('\n').slice(2).map(cells);
    expect(rows.map((r) => r[2])).toEqual(
      ['MAX_DEPTH', 'MAX_INTROSPECTION_DEPTH', 'MAX_ALIASES', 'MAX_DIRECTIVES', 'MAX_TOKENS', 'MAX_COST'].map((v) => `\`${v}\``),
    );
    for (const [, dflt, variable] of rows) {
      expect(`${variable}=${dflt}`).toBe(`${variable}=${CONFIG_VARS[variable.replace(/`/g, '') as keyof typeof CONFIG_VARS].default}`);
    }
  });

  it('gives every variable a description and a default that is itself valid', () => {
    for (const [name, v] of Object.entries(CONFIG_VARS)) {
      expect([name, v.description.length > 0]).toEqual([name, true]);
      if (v.default !== undefined) expect(() => loadConfig({ [name]: v.default })).not.toThrow();
    }
  });

  it('has codes that are all upper case and distinct', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(code).toMatch(/^[A-Z][A-Z_]+$/);
  });
});
