import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from './errors.ts';

const EXAMPLE = 'for example 2026-01-31T12:00:00Z';
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * An ISO-8601 date (midnight UTC) or date-time with a zone, taken only when every part is real:
 * no 30 February, no hour 24, no year 0. Years 0001 to 9999, the range ISO-8601 writes with four
 * digits, which PostgreSQL stores exactly.
 */
export function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw badUserInput(`A DateTime must be an ISO-8601 string, ${EXAMPLE}.`);
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  const invalid = () => badUserInput(`"${shown}" is not an ISO-8601 date-time, ${EXAMPLE}.`);
  const match = ISO.exec(value);
  if (!match) throw invalid();
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = match;
  const [y, mo, d] = [Number(year), Number(month), Number(day)];
  // The calendar day must exist: JavaScript would quietly turn 30 February into 2 March.
  const calendar = new Date(0);
  calendar.setUTCFullYear(y, mo - 1, d);
  const real =
    y >= 1 &&
    calendar.getUTCMonth() === mo - 1 &&
    calendar.getUTCDate() === d &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59;
  const date = new Date(match[4] ? value : `${value}T00:00:00Z`);
  if (!real || Number.isNaN(date.getTime())) throw invalid();
  if (date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) throw badUserInput(`"${shown}" is outside the years 0001 to 9999.`);
  return date;
}

/** ISO-8601 timestamps, always serialised in UTC (`...Z`). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time in UTC, for example 2026-01-31T12:00:00.000Z.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    // Output: a bad stored value is our fault, never the client's, so it is not a public error.
    if (Number.isNaN(date.getTime())) throw new Error('A DateTime field held a value that is not a date.');
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badUserInput(`A DateTime must be a string, ${EXAMPLE}.`);
    return parseDateTime(ast.value);
  },
});

const SAFE_INT = 'A SafeInt must be an integer between -(2^53-1) and 2^53-1.';

const assertSafeInt = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badUserInput(SAFE_INT);
  return value;
};

/** Integers beyond GraphQL's 32-bit Int but exact in JSON and JavaScript (±2^53−1): sums of money in minor units. */
export const SafeIntScalar = new GraphQLScalarType<number, number>({
  name: 'SafeInt',
  description: 'An integer from -(2^53-1) to 2^53-1, exact in JSON and JavaScript. Used for sums of money in minor units.',
  serialize(value) {
    const number = typeof value === 'bigint' || typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw new Error('A SafeInt field held a value beyond 2^53-1.');
    return number;
  },
  parseValue: assertSafeInt,
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw badUserInput(SAFE_INT);
    return assertSafeInt(Number(ast.value));
  },
});

const JSON_OBJECT_IS_OUTPUT = 'JSONObject is an output type (a document the service returns); it cannot be sent.';

/**
 * A JSON object, returned as is: for documents whose shape their field's description gives (a
 * domain's part of a personal data export). Output only: a value sent for it is BAD_USER_INPUT.
 */
export const JSONObjectScalar = new GraphQLScalarType<Record<string, unknown>, Record<string, unknown>>({
  name: 'JSONObject',
  description: 'A JSON object, returned as is; its field says what it holds. Output only.',
  serialize(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('A JSONObject field held something else.');
    return value as Record<string, unknown>;
  },
  parseValue: () => {
    throw badUserInput(JSON_OBJECT_IS_OUTPUT);
  },
  parseLiteral: () => {
    throw badUserInput(JSON_OBJECT_IS_OUTPUT);
  },
});

/** The custom scalars every service shares, by name: the gateway checks input against these too. */
export const SCALARS: Record<string, GraphQLScalarType> = {
  DateTime: DateTimeScalar,
  SafeInt: SafeIntScalar,
  JSONObject: JSONObjectScalar,
};
