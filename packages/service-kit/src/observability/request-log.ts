import { ErrorCode } from '../graphql/errors.ts';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './logger.ts';

/** Every service's context carries the request id the gateway created (or accepted) and forwarded. */
export interface RequestIdentity {
  requestId: string;
}

/**
 * One log line per GraphQL request (at `info`), with the request id the gateway forwards to every
 * subgraph, so one request's lines can be found across services. Variables, tokens and results are
 * never logged.
 */
export function requestLogging<C extends BaseContext & Partial<RequestIdentity>>(
  logger: Logger,
  onDone?: (entry: { operation: string; outcome: string; seconds: number }) => void,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue, request }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, errors, operationName }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const codes = [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? ErrorCode.Internal)))];
          const operation = operationName ?? request.operationName ?? 'anonymous';
          const outcome = codes.length === 0 ? 'ok' : codes.length === 1 ? codes[0]! : 'errors';
          onDone?.({ operation, outcome, seconds });
          if (logger.isLevelEnabled('info')) {
            logger.info(
              {
                reqId: contextValue.requestId,
                operation,
                ms: Math.round(seconds * 1000),
                status: response.http.status ?? 200,
                errors: codes.length > 0 ? codes : undefined,
              },
              'graphql request',
            );
          }
        },
      };
    },
  };
}
