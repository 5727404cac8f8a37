import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { SetContextLink } from '@apollo/client/link/context';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';
import { getOperationAST, parse } from 'graphql';
import { from, mergeMap, of } from 'rxjs';
import persistedDocuments from './__generated__/persisted-documents.json';
import { graphql } from './__generated__';
import { session } from './session.ts';

/** Signs in again without a password: the refresh token buys a new access token (and a new refresh token). */
export const RefreshSession = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshToken(input: { refreshToken: $refreshToken }) {
      token
      expiresAt
      refreshToken
      customer { id firstName role store { slug } }
    }
  }
`);

// Every operation of the app is in its persisted operations manifest; the app sends only its id
// (the hash GraphQL Code Generator gave it), and the text only if a gateway asks for it (APQ).
const idByName = new Map(
  Object.entries(persistedDocuments as Record<string, string>).map(([id, text]) => [getOperationAST(parse(text))?.name?.value, id]),
);

/** Refresh this long before the access token expires, so no request carries an expired one. */
const MARGIN_MS = 20_000;

export function createClient(gatewayUrl: string) {
  let refreshing: Promise<string | null> | null = null;

  const refresh = (): Promise<string | null> => {
    refreshing ??= (async () => {
      const current = session.get();
      if (!current) return null;
      try {
        const { data } = await client.mutate({
          mutation: RefreshSession,
          variables: { refreshToken: current.refreshToken },
          context: { anonymous: true },
        });
        const next = data!.refreshToken;
        session.set({
          token: next.token,
          expiresAt: next.expiresAt,
          refreshToken: next.refreshToken,
          account: { ...current.account, firstName: next.customer.firstName },
        });
        return next.token;
      } catch {
        session.set(null, 'Your session has ended. Sign in again.');
        await client.clearStore();
        return null;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  };

  // Refreshed ahead of time too, not only before a request: a page that only listens (a
  // subscription) sends none, and its subscription is started again with each new token.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    const current = session.get();
    if (!current) return;
    timer = setTimeout(() => void refresh(), Math.max(Date.parse(current.expiresAt) - MARGIN_MS - Date.now(), 1_000));
  };
  session.subscribe(schedule);
  schedule();

  /** The access token for the next request, refreshed first when it is about to expire. */
  const token = async (): Promise<string | null> => {
    const current = session.get();
    if (!current) return null;
    if (Date.parse(current.expiresAt) - Date.now() > MARGIN_MS) return current.token;
    return refresh();
  };

  const auth = new SetContextLink(async (context) => {
    if (context.anonymous) return {};
    const bearer = await token();
    return bearer ? { headers: { ...context.headers, authorization: `Bearer ${bearer}` } } : {};
  });

  // A request refused as UNAUTHENTICATED (a token revoked or expired on the way; a subscription
  // ended by its session's expiry) is sent once more after a refresh, with the new token.
  const retryAfterRefresh = new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      mergeMap((result) => {
        const unauthenticated = result.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
        if (!unauthenticated || operation.getContext().anonymous || !session.get()) return of(result);
        return from(refresh()).pipe(mergeMap((fresh) => (fresh ? forward(operation) : of(result))));
      }),
    ),
  );

  const persisted = new PersistedQueryLink({
    generateHash: (document) => {
      const name = getOperationAST(document)?.name?.value;
      const id = idByName.get(name);
      if (!id) throw new Error(`The operation ${name ?? '(anonymous)'} is not in the app's manifest: run npm run codegen.`);
      return id;
    },
    // A gateway that lists only its manifest's operations answers 400 for others: not a reason to stop sending ids.
    disable: ({ meta }) => meta.persistedQueryNotSupported,
  });

  const client: ApolloClient = new ApolloClient({
    link: ApolloLink.from([retryAfterRefresh, auth, persisted, new HttpLink({ uri: gatewayUrl })]),
    cache: new InMemoryCache({
      typePolicies: {
        Customer: { fields: { orders: relayStylePagination(['status']) } },
        Store: { fields: { orders: relayStylePagination(['status']) } },
      },
    }),
    incrementalHandler: new Defer20220824Handler(),
  });
  return client;
}

/** The stable code of a GraphQL error (`extensions.code`), if the error is one. */
export const errorCode = (error: unknown): string | undefined =>
  CombinedGraphQLErrors.is(error) ? (error.errors[0]?.extensions?.code as string | undefined) : undefined;

/** A message for a person: the gateway's own words for a GraphQL error, a plain sentence for a network one. */
export const errorMessage = (error: unknown): string => {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join(' ');
  return 'The service cannot be reached just now. Check your connection and try again.';
};
