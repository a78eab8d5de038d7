// Argument validation in one place: class-validator constraints on the args/input classes
// (IntRange, YearRange, MonthRange, Iso3Code, NotAfter), run for every resolver argument by `validateArgs`
// (buildSchema's validateFn), which turns the first failure into a BadUserInputError naming the
// argument ("filter.yearFrom"), the value and the accepted range.
import { ValidateBy, getMetadataStorage, validateSync, type ValidationArguments, type ValidationError, type ValidationOptions } from 'class-validator';
import { BadUserInputError, showValue } from './errors';

export const MIN_YEAR = 1800;
export const MAX_YEAR = 2100;
export const ISO3_PATTERN = /^[A-Za-z]{3}$/;

/** An optional integer within min..max (null and undefined pass). */
export function IntRange(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'intRange',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => value == null || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max),
        defaultMessage: (args?: ValidationArguments) => `must be between ${min} and ${max}, got ${showValue(args?.value)}.`,
      },
    },
    options,
  );
}

/** An optional year within 1800..2100. */
export const YearRange = (options?: ValidationOptions) => IntRange(MIN_YEAR, MAX_YEAR, options);

/** An optional month within 1..12. */
export const MonthRange = (options?: ValidationOptions) => IntRange(1, 12, options);

/** An optional ISO 3166-1 alpha-3 code (three letters; any case), or a list of them. */
export function Iso3Code(options?: ValidationOptions): PropertyDecorator {
  const bad = (value: unknown) =>
    (Array.isArray(value) ? value : [value]).find((v) => v != null && (typeof v !== 'string' || !ISO3_PATTERN.test(v)));
  return ValidateBy(
    {
      name: 'iso3Code',
      validator: {
        validate: (value: unknown) => value == null || bad(value) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `must be an ISO 3166-1 alpha-3 country code (three letters A-Z, e.g. "KAZ"), got ${showValue(bad(args?.value))}.`,
      },
    },
    options,
  );
}

/** Written in a message where the argument's parent path goes ("filter."), filled in by toBadUserInputError. */
const PARENT_PATH = '\u0000parent\u0000';

/** A year, month or Date as a message shows it: numbers bare, dates as "YYYY-MM-DD". */
const showBound = (value: unknown) => showValue(value instanceof Date ? value.toISOString().slice(0, 10) : value);

/**
 * The lower end of a range (yearFrom, monthFrom, dateFrom) must not be after its upper end
 * `upper` on the same object (yearTo, ...); either may be omitted. Numbers or Dates.
 * Message: `Argument "filter.yearFrom" (2025) must not be after "filter.yearTo" (2020).`
 */
export function NotAfter(upper: string, options?: ValidationOptions): PropertyDecorator {
  const num = (v: unknown) => (v instanceof Date ? v.getTime() : v);
  const upperOf = (args?: ValidationArguments) => (args?.object as Record<string, unknown> | undefined)?.[upper];
  return ValidateBy(
    {
      name: 'notAfter',
      constraints: [upper],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const other = upperOf(args);
          return value == null || other == null || !((num(value) as number) > (num(other) as number));
        },
        defaultMessage: (args?: ValidationArguments) =>
          `(${showBound(args?.value)}) must not be after "${PARENT_PATH}${upper}" (${showBound(upperOf(args))}).`,
      },
    },
    options,
  );
}

/** Upper-cases an ISO3 code (validation has already checked its shape). */
export function normaliseIso3(code: string): string {
  return code.toUpperCase();
}

function firstFailure(error: ValidationError, path: string[] = []): { path: string; message: string } | null {
  const here = [...path, error.property];
  const messages = Object.values(error.constraints ?? {});
  if (messages.length > 0) return { path: here.join('.'), message: messages[0] };
  for (const child of error.children ?? []) {
    const found = firstFailure(child, here);
    if (found) return found;
  }
  return null;
}

/** Turns class-validator's errors into one BadUserInputError (the first failure). */
export function toBadUserInputError(errors: ValidationError[]): BadUserInputError {
  for (const e of errors) {
    const f = firstFailure(e);
    if (f) {
      const parent = f.path.includes('.') ? f.path.slice(0, f.path.lastIndexOf('.') + 1) : '';
      return new BadUserInputError(`Argument "${f.path}" ${f.message.split(PARENT_PATH).join(parent)}`, f.path);
    }
  }
  return new BadUserInputError('Invalid arguments.');
}

/**
 * Whether a class (or one it extends) declares any constraint. validateSync looks the constraints
 * up on every call, a filter over all of them; a field resolver in a list (changeSince on each of
 * 100 prices) paid that per row for classes that have none.
 */
const hasConstraints = new WeakMap<object, boolean>();
function declaresConstraints(ctor: new () => unknown): boolean {
  let has = hasConstraints.get(ctor);
  if (has === undefined) {
    has = getMetadataStorage().getTargetValidationMetadatas(ctor, undefined as unknown as string, false, false).length > 0;
    hasConstraints.set(ctor, has);
  }
  return has;
}

/**
 * Argument values found valid, by class. The constraints are pure functions of the values, and the
 * same arguments come again and again: a list of 50 countries asks each for its production with
 * the same ones, and class-validator's lookup of the constraints was a twentieth of that request's
 * CPU. Bounded: cleared when full.
 */
const MAX_REMEMBERED = 5000;
const validValues = new Map<object, Set<string>>();
let remembered = 0;

function knownValid(ctor: object, values: string): boolean {
  return validValues.get(ctor)?.has(values) ?? false;
}

function rememberValid(ctor: object, values: string): void {
  if (remembered >= MAX_REMEMBERED) {
    validValues.clear();
    remembered = 0;
  }
  let set = validValues.get(ctor);
  if (!set) validValues.set(ctor, (set = new Set()));
  set.add(values);
  remembered++;
}

/** buildSchema's `validateFn`: validates @Args/@InputType instances; scalars are checked by their types. */
export function validateArgs(argValue: unknown): void {
  if (argValue === null || typeof argValue !== 'object' || argValue instanceof Date) return;
  const values = Array.isArray(argValue) ? argValue : [argValue];
  for (const value of values) {
    if (value === null || typeof value !== 'object') continue;
    // No constraints (nor @ValidateNested, itself a constraint): validateSync would find nothing.
    const ctor = value.constructor as new () => unknown;
    if (!declaresConstraints(ctor)) continue;
    // The values as JSON (nested inputs included, Dates as ISO text): equal JSON, equal verdict. A
    // list's rows, called with the same values, reuse the instance validated for the first row
    // (the type-graphql patch) and do not come here.
    const json = JSON.stringify(value);
    if (knownValid(ctor, json)) continue;
    const errors = validateSync(value, { forbidUnknownValues: false });
    if (errors.length > 0) throw toBadUserInputError(errors);
    rememberValid(ctor, json);
  }
}

/** Throws a BadUserInputError for `argument` unless min <= value <= max (for values not declared on an args class). */
export function checkRange(argument: string, value: number | null | undefined, min: number, max: number): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(`Argument "${argument}" must be between ${min} and ${max}, got ${showValue(value)}.`, argument);
  }
}
