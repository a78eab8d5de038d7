// Argument validation (src/modules/common/validation.ts): the first failure as a BadUserInputError
// naming the argument, and valid values remembered per class so that a list's repeated arguments
// are checked once.
import 'reflect-metadata';
import * as classValidator from 'class-validator';
import { graphql, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, buildSchema, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
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

// type-graphql is patched (patches/type-graphql+*.patch) so that a synchronous validateFn keeps a
// field resolver with arguments synchronous: without it every such field answered a promise.
describe('field resolvers with arguments, validated by validateArgs', () => {
  @ObjectType()
  class Point {
    @Field(() => Int)
    year!: number;
  }

  @Resolver(() => Point)
  class PointResolver {
    @Query(() => Point)
    point(): Point {
      return Object.assign(new Point(), { year: 2000 });
    }

    @FieldResolver(() => Int)
    span(@Root() p: Point, @Args(() => RangeArgs) { yearFrom, yearTo }: RangeArgs): number {
      return (yearTo ?? p.year) - (yearFrom ?? p.year);
    }
  }

  let resolve: GraphQLFieldResolver<unknown, unknown>;
  beforeAll(async () => {
    const schema = await buildSchema({ resolvers: [PointResolver], validateFn: validateArgs, emitSchemaFile: false });
    resolve = (schema.getType('Point') as GraphQLObjectType).getFields().span.resolve!;
  });

  const point = Object.assign(new Point(), { year: 2000 });
  const call = (a: Record<string, unknown>) => resolve(point, a, {}, {} as GraphQLResolveInfo);

  test('answer synchronously (no promise) when the arguments are valid', () => {
    expect(call({ yearFrom: 1990, yearTo: 2010 })).toBe(20);
    expect(call({ yearFrom: 1995 })).toBe(5);
  });

  test('still refuse invalid arguments, naming the argument', () => {
    expect(() => call({ yearFrom: 2020, yearTo: 2010 })).toThrow(/"yearFrom" \(2020\) must not be after "yearTo" \(2010\)/);
    expect(() => call({ yearFrom: 1800 })).toThrow(/yearFrom/);
  });

  test('through graphql-js too: an invalid argument is a field error, a valid one an answer', async () => {
    const schema = await buildSchema({ resolvers: [PointResolver], validateFn: validateArgs, emitSchemaFile: false });
    const ok = await graphql({ schema, source: '{ point { span(yearFrom: 1990, yearTo: 2010) } }' });
    expect(ok).toEqual({ data: { point: { span: 20 } } });
    const bad = await graphql({ schema, source: '{ point { span(yearFrom: 2020, yearTo: 2010) } }' });
    expect(bad.data).toBeNull();
    expect(bad.errors?.[0].message).toMatch(/must not be after/);
    expect(bad.errors?.[0].path).toEqual(['point', 'span']);
  });
});

// The same patch reads a getter of a simple-resolver type as a property: graphql-jit then compiles
// it inline, instead of a resolver call (an info object, a path and closures) per row.
describe('getters of simple-resolver types', () => {
  @ObjectType({ simpleResolvers: true })
  class Span {
    @Field(() => Int)
    from!: number;

    @Field(() => Int)
    to!: number;

    @Field(() => Int)
    get length(): number {
      return this.to - this.from;
    }

    @Field(() => Int)
    middle(): number {
      return (this.from + this.to) / 2;
    }
  }

  @ObjectType()
  class Wrapped {
    @Field(() => Int)
    value!: number;

    @Field(() => Int)
    get doubled(): number {
      return this.value * 2;
    }
  }

  @Resolver()
  class SpanResolver {
    @Query(() => Span)
    span(): Span {
      return Object.assign(new Span(), { from: 2000, to: 2010 });
    }

    @Query(() => Wrapped)
    wrapped(): Wrapped {
      // A plain object: only a type without simpleResolvers makes it an instance for its getters.
      return { value: 21 } as Wrapped;
    }
  }

  test('have no resolver, and answer through graphql-js; methods and other types keep theirs', async () => {
    const schema = await buildSchema({ resolvers: [SpanResolver], emitSchemaFile: false });
    const span = (schema.getType('Span') as GraphQLObjectType).getFields();
    expect(span.length.resolve).toBeUndefined();
    expect(span.middle.resolve).toBeInstanceOf(Function);
    expect((schema.getType('Wrapped') as GraphQLObjectType).getFields().doubled.resolve).toBeInstanceOf(Function);
    const result = await graphql({ schema, source: '{ span { from length middle } wrapped { doubled } }' });
    expect(result).toEqual({ data: { span: { from: 2000, length: 10, middle: 2005 }, wrapped: { doubled: 42 } } });
  });
});

// The patch also keeps, per field, the arguments instance made and validated for the last values
// seen: a list's rows call the field with the same values, each time in a new arguments object.
describe('arguments of a field called again with the same values', () => {
  const seen: RangeArgs[] = [];

  @ObjectType()
  class Item {
    @Field(() => Int)
    year!: number;
  }

  @Resolver(() => Item)
  class ItemResolver {
    @Query(() => Item)
    item(): Item {
      return Object.assign(new Item(), { year: 2000 });
    }

    @FieldResolver(() => Int)
    width(@Root() i: Item, @Args(() => RangeArgs) range: RangeArgs): number {
      seen.push(range);
      return (range.yearTo ?? i.year) - (range.yearFrom ?? i.year);
    }
  }

  test('are the instance validated then; other values are converted and validated again', async () => {
    const schema = await buildSchema({ resolvers: [ItemResolver], validateFn: validateArgs, emitSchemaFile: false });
    const resolve = (schema.getType('Item') as GraphQLObjectType).getFields().width.resolve!;
    const item = Object.assign(new Item(), { year: 2000 });
    const call = (a: Record<string, unknown>) => resolve(item, a, {}, {} as GraphQLResolveInfo);
    expect(call({ yearFrom: 1990, yearTo: 2010 })).toBe(20);
    expect(call({ yearFrom: 1990, yearTo: 2010 })).toBe(20);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[0]).toBeInstanceOf(RangeArgs);
    expect(call({ yearFrom: 1995, yearTo: 2010 })).toBe(15);
    expect(seen[2]).not.toBe(seen[0]);
    // A value refused is refused every time, and does not replace the last valid one.
    expect(() => call({ yearFrom: 2020, yearTo: 2010 })).toThrow(/must not be after/);
    expect(() => call({ yearFrom: 2020, yearTo: 2010 })).toThrow(/must not be after/);
    expect(call({ yearFrom: 1995, yearTo: 2010 })).toBe(15);
    expect(seen[3]).toBe(seen[2]);
    // A value more or less is not the same values.
    expect(call({ yearFrom: 1995 })).toBe(5);
    expect(seen[4]).not.toBe(seen[2]);
  });
});
