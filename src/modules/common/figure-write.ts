// The API's writes of figures go through the importer (src/import): the input becomes the cells of
// one import row, validated by the same rules and written by the same code (revisions, the current
// value, the data version), recorded as written by the request's API key.
// Input fields with a default are nullable (`monthFrom: Int = 1`) and the resolvers apply the default
// again: graphql-jit does not fill an input object's defaults into variables, and refuses a missing Int!.
import { GraphQLError } from 'graphql';
import type { AppContext } from '../../context';
import { ErrorCodes } from '../../errors';
import { ImportValidationError, writeRecord, type ImportProblem, type RecordResult } from '../../import';
import { formatCalendarDate } from './date.scalar';
import { BadUserInputError } from './errors';

type FigureKind = 'production' | 'exports' | 'prices';

/** The `input` argument's description, the same for every figure write. */
export const WRITE_INPUT_DESCRIPTION = 'The figure to write; validated like a row of the matching import file, nothing is written when any field is refused.';

/** An input value as the text of an import cell (null or undefined: an empty cell). */
export function cell(value: string | number | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatCalendarDate(value);
  return String(value);
}

/** The input field a column stands for: `country_iso3` -> `countryIso3`. */
const fieldOf = (column: string, fields: Record<string, string>): string => fields[column] ?? column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The importer's problems as one BAD_USER_INPUT naming the input fields (`input.tonnes`). */
function inputError(problems: ImportProblem[], fields: Record<string, string>): BadUserInputError {
  const rename = (text: string) => text.replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g, (col) => (col in fields ? `input.${fields[col]}` : col));
  const first = `input.${fieldOf(problems[0].column, fields)}`;
  const message = problems.map((p) => `input.${fieldOf(p.column, fields)}: ${rename(p.message)}`).join('; ');
  return new BadUserInputError(`Argument "input" is not accepted, nothing was written: ${message}.`, first);
}

/** The API key writing, from the context; the authorization plugin has already checked its role. */
export function writerOf(ctx: AppContext): number {
  if (!ctx.principal) {
    throw new GraphQLError('This write needs an API key: send it as `Authorization: Bearer <key>`.', {
      extensions: { code: ErrorCodes.UNAUTHENTICATED, http: { status: 401 } },
    });
  }
  return ctx.principal.keyId;
}

/**
 * Writes one figure through the importer. `cells` are the importer's columns of the kind; `fields`
 * maps each column to its input field, for messages.
 */
export async function writeFigure(ctx: AppContext, kind: FigureKind, cells: Record<string, string>, fields: Record<string, string>): Promise<RecordResult> {
  const writtenBy = writerOf(ctx);
  try {
    return await writeRecord(ctx.prisma, kind, cells, { writtenBy, label: 'input' });
  } catch (err) {
    if (err instanceof ImportValidationError) throw inputError(err.problems, fields);
    throw err;
  }
}
