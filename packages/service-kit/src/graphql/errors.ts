import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLErrorOptions, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '../observability/logger.ts';

/**
 * The stable error codes clients can switch on (`extensions.code`).
 * Anything else that escapes a resolver is masked as INTERNAL_SERVER_ERROR.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  /** The request cannot be served as sent (for example a subscription over plain HTTP). */
  BadRequest: 'BAD_REQUEST',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  SubgraphUnavailable: 'SUBGRAPH_UNAVAILABLE',
  SubgraphTimeout: 'SUBGRAPH_TIMEOUT',
  Internal: 'INTERNAL_SERVER_ERROR',
  /** A safelisted gateway was sent an operation its manifest does not list (Apollo Router's code). */
  PersistedQueryNotInList: 'PERSISTED_QUERY_NOT_IN_LIST',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An error our code raised on purpose: its message is written for the person reading it and its
 * code is one of `ErrorCode`. Only these (and the request errors of graphql-js and Apollo Server,
 * see `classifyError`) reach a client with their own message; everything else is masked.
 */
export class PublicError extends GraphQLError {
  constructor(
    message: string,
    code: ErrorCode,
    options: Omit<GraphQLErrorOptions, 'extensions'> & { extensions?: Record<string, unknown> } = {},
  ) {
    super(message, { ...options, extensions: { ...options.extensions, code } });
    this.name = 'PublicError';
  }
}

/** A public error with `code` and extra extensions (for example `field`, `currentStatus`, `http`). */
export function fail(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): PublicError {
  return new PublicError(message, code, { extensions: extra });
}

/** The input is wrong; `field` names the input path the client should fix. */
export const badUserInput = (message: string, field?: string, extra: Record<string, unknown> = {}) =>
  fail(ErrorCode.BadUserInput, message, field ? { field, ...extra } : extra);
export const unauthenticated = (message = 'You need to sign in to do this.', extra: Record<string, unknown> = {}) =>
  fail(ErrorCode.Unauthenticated, message, extra);
export const forbidden = (message = 'You are not allowed to see or change this.', extra: Record<string, unknown> = {}) =>
  fail(ErrorCode.Forbidden, message, extra);
export const notFound = (message: string) => fail(ErrorCode.NotFound, message);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => fail(ErrorCode.Conflict, message, extra);

/**
 * Request errors graphql-js and Apollo Server raise themselves before anything runs: a document
 * that does not parse or validate, variables of the wrong type, a bad HTTP request. Their messages
 * describe the client's request, never the server.
 */
const REQUEST_ERROR_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal));

/**
 * What an error is, for masking and logging:
 * - `public`: raised on purpose (a `PublicError` anywhere in its cause chain), or a request error
 *   of graphql-js / Apollo Server made of GraphQL errors alone;
 * - `downstream`: a subgraph's answer relayed by the gateway. A subgraph masks and logs its own
 *   errors, so its public codes pass and anything else is masked here without a second log line;
 * - `unexpected`: everything else (a driver error, a bug). Masked, and logged once.
 */
export function classifyError(error: unknown): 'public' | 'downstream' | 'unexpected' {
  let onlyGraphQLErrors = true;
  for (let e: unknown = error; e; e = (e as { originalError?: unknown }).originalError) {
    if (e instanceof PublicError) return 'public';
    if (!(e instanceof GraphQLError)) {
      // @apollo/gateway keeps a subgraph's JSON error as the plain object it was.
      if (!(e instanceof Error) && error instanceof GraphQLError && typeof error.extensions.serviceName === 'string') {
        return 'downstream';
      }
      onlyGraphQLErrors = false;
    }
  }
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return onlyGraphQLErrors && typeof code === 'string' && REQUEST_ERROR_CODES.has(code) ? 'public' : 'unexpected';
}

/** The error at the end of the cause chain: what actually went wrong, for the log. */
export function sourceOf(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  return e;
}

export const INTERNAL_MESSAGE = 'Something went wrong on our side. The error has been logged; please try again.';

const masked = (formatted: GraphQLFormattedError): GraphQLFormattedError => ({
  message: INTERNAL_MESSAGE,
  ...(formatted.path ? { path: formatted.path } : {}),
  ...(formatted.locations ? { locations: formatted.locations } : {}),
  extensions: { code: ErrorCode.Internal },
});

/**
 * Apollo Server `formatError`: public errors pass (without stack traces); a subgraph's error
 * passes when its code is public; anything else becomes a plain message with
 * INTERNAL_SERVER_ERROR, so no SQL, stack, path or parameter ever reaches a client. Unexpected
 * errors not yet logged by `unexpectedErrorLogging` (those outside a request's pipeline, such as a
 * failure while building the context) are logged here.
 */
export function maskUnexpectedErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo Server's own refusal of an automatic persisted query whose hash is not its query's carries no code.
    if (error instanceof GraphQLError && error.message === 'provided sha does not match query' && !error.extensions.code)
      return {
        message: "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent; send the query's own hash.",
        extensions: { code: 'BAD_REQUEST' },
      };
    const kind = classifyError(error);
    if (kind === 'public' || (kind === 'downstream' && PUBLIC_CODES.has(String(formatted.extensions?.code)))) {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: shortenEchoes(formatted.message), extensions };
    }
    if (kind === 'unexpected') logUnexpected(logger, error, {});
    return masked(formatted);
  };
}

const LONG_QUOTE = /"((?:[^"\\]|\\.){80,})"/g;

/**
 * Messages quote what the client sent ("There is no store with the slug …", graphql-js's
 * "Variable $x got invalid value …"): a quoted value is cut to its first 40 characters, so a
 * 10,000-character input is not sent back whole, twice.
 */
export function shortenEchoes(message: string): string {
  return message.replace(LONG_QUOTE, (_, inner: string) => `"${inner.slice(0, 40)}…" (${inner.length} characters)`);
}

const logged = new WeakSet<object>();

/** Logs an unexpected error once, with what is known of the request. */
export function logUnexpected(logger: Logger, error: unknown, request: { reqId?: string; operation?: string }): void {
  const source = sourceOf(error);
  const key = typeof source === 'object' && source !== null ? source : error;
  if (typeof key === 'object' && key !== null) {
    if (logged.has(key)) return;
    logged.add(key);
  }
  logger.error(
    { ...request, err: source, ...(error instanceof GraphQLError && error.path ? { path: error.path } : {}) },
    'unexpected error; the client was told only that something went wrong',
  );
}

/** Logs each unexpected error of a request once, with the request id and the operation name. */
export function unexpectedErrorLogging<C extends BaseContext & { requestId?: string }>(logger: Logger): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName, request }) {
          for (const error of errors) {
            if (classifyError(error) === 'unexpected') {
              logUnexpected(logger, error, {
                reqId: contextValue.requestId,
                operation: operationName ?? request.operationName ?? 'anonymous',
              });
            }
          }
        },
      };
    },
  };
}
