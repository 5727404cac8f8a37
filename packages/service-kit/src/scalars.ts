import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const parseDate = (value: unknown): Date => {
  if (typeof value !== 'string') throw new GraphQLError('A DateTime must be an ISO-8601 string, for example 2026-01-31T12:00:00Z.', { extensions: { code: 'BAD_USER_INPUT' } });
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    throw new GraphQLError(`"${value}" is not an ISO-8601 date-time, for example 2026-01-31T12:00:00Z.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return date;
};

/** ISO-8601 timestamps, always serialised in UTC (`...Z`). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time in UTC, for example 2026-01-31T12:00:00.000Z.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('Invalid date value.');
    return date.toISOString();
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('A DateTime must be a string.', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDate(ast.value);
  },
});

const assertSafeInt = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new GraphQLError('A SafeInt must be an integer between -(2^53-1) and 2^53-1.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
};

/** Integers beyond GraphQL's 32-bit Int but exact in JSON and JavaScript (±2^53−1): sums of money in minor units. */
export const SafeIntScalar = new GraphQLScalarType<number, number>({
  name: 'SafeInt',
  description: 'An integer from -(2^53-1) to 2^53-1, exact in JSON and JavaScript. Used for sums of money in minor units.',
  serialize: (value) => assertSafeInt(typeof value === 'bigint' || typeof value === 'string' ? Number(value) : value),
  parseValue: assertSafeInt,
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw new GraphQLError('A SafeInt must be an integer.', { extensions: { code: 'BAD_USER_INPUT' } });
    return assertSafeInt(Number(ast.value));
  },
});
