import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The stable error codes clients can switch on (`extensions.code`).
 * Anything else that escapes a resolver is masked as INTERNAL_SERVER_ERROR.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  SubgraphUnavailable: 'SUBGRAPH_UNAVAILABLE',
  SubgraphTimeout: 'SUBGRAPH_TIMEOUT',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

function fail(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** The input is wrong; `field` names the input path the client should fix. */
export const badUserInput = (message: string, field?: string) =>
  fail(ErrorCode.BadUserInput, message, field ? { field } : {});
export const unauthenticated = (message = 'You need to sign in to do this.') =>
  fail(ErrorCode.Unauthenticated, message);
export const forbidden = (message = 'You are not allowed to see or change this.', extra: Record<string, unknown> = {}) =>
  fail(ErrorCode.Forbidden, message, extra);
export const notFound = (message: string) => fail(ErrorCode.NotFound, message);
export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  fail(ErrorCode.Conflict, message, extra);

const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  // Apollo Server's own request-level codes are safe and useful to clients.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Apollo Server `formatError`: errors we raised on purpose pass through; anything else
 * (a driver error, a bug) becomes a generic message so no internals or stack traces leak.
 * The original is handed to `onUnexpected` for logging.
 */
export function maskUnexpectedErrors(onUnexpected: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    onUnexpected(error);
    return {
      message: 'Something went wrong on our side. The error has been logged; please try again.',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.Internal },
    };
  };
}
