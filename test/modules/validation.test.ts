// Argument validation (src/modules/common/validation.ts): the first failure as a BadUserInputError
// naming the argument, and valid values remembered per class so that a list's repeated arguments
// are checked once.
import 'reflect-metadata';
import * as classValidator from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { IntRange, NotAfter, validateArgs } from '../../src/modules/common/validation';

@ArgsType()
class RangeArgs {
  @Field(() => Int, { nullable: true })
  @IntRange(1900, 2100)
  @NotAfter('yearTo')
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true })
  @IntRange(1900, 2100)
  yearTo?: number | null;
}

const args = (yearFrom: number | null, yearTo: number | null) => Object.assign(new RangeArgs(), { yearFrom, yearTo });

describe('validateArgs', () => {
  afterEach(() => jest.restoreAllMocks());

  test('refuses a value out of range and a range upside down, naming the argument', () => {
    expect(() => validateArgs(args(1800, null))).toThrow(/yearFrom/);
    expect(() => validateArgs(args(2020, 2010))).toThrow(/"yearFrom" \(2020\) must not be after "yearTo" \(2010\)/);
  });

  test('valid values are checked once; other values of the same class still are', () => {
    const spy = jest.spyOn(classValidator, 'validateSync');
    validateArgs(args(2001, 2005));
    validateArgs(args(2001, 2005));
    validateArgs(args(2001, 2005));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(() => validateArgs(args(2006, 2005))).toThrow(/must not be after/);
    // A refused value is not remembered: refused again.
    expect(() => validateArgs(args(2006, 2005))).toThrow(/must not be after/);
    expect(spy).toHaveBeenCalledTimes(3);
    validateArgs(args(2001, null));
    expect(spy).toHaveBeenCalledTimes(4);
  });
});
