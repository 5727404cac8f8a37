import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { graphql } from '../__generated__';
import { errorMessage } from '../apollo.ts';
import { formatMoney, formatStatus, formatTime } from '../format.ts';
import { useSession } from '../session.ts';

const OrderDetails = graphql(`
  query OrderDetails($id: ID!) {
    order(id: $id) {
      id
      orderNumber
      status
      totalCents
      currency
      updatedAt
      payments { id status amountCents }
    }
  }
`);

// Over HTTP multipart (Apollo Client's HttpLink), by id like every other operation: each event is
// the order right after a change, and lands in the cache over the order the page already shows.
const OrderUpdates = graphql(`
  subscription OrderUpdates($id: ID!) {
    orderUpdated(orderId: $id) {
      id
      orderNumber
      status
      updatedAt
      payments { id status amountCents }
    }
  }
`);

const STEPS = ['PENDING_PAYMENT', 'CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED'];

/** The order just placed, following its status live until it is delivered or cancelled. */
export function LiveOrder({ orderId }: { orderId: string }) {
  const client = useApolloClient();
  const { data, error, refetch } = useQuery(OrderDetails, { variables: { id: orderId } });
  const [done, setDone] = useState(false);
  const live = useSubscription(OrderUpdates, {
    variables: { id: orderId },
    onData: () => {
      // The totals on the profile and the history's row change with the order.
      void client.refetchQueries({ include: ['MyProfile'] });
    },
    onComplete: () => setDone(true),
  });
  useResubscribeOnRefresh(live.restart, refetch);
  const order = data?.order;
  if (!order)
    return (
      <section className="card">
        {error ? (
          <p className="error" role="alert">
            {errorMessage(error)}
          </p>
        ) : (
          'Loading the order…'
        )}
      </section>
    );
  const reached = STEPS.indexOf(order.status);
  return (
    <section className="card live-order" data-testid="live-order">
      <h2>
        Order {order.orderNumber} <small>{formatMoney(order.totalCents, order.currency)}</small>
      </h2>
      <p>
        <span className={`status ${order.status.toLowerCase()}`} data-testid="live-status">
          {formatStatus(order.status)}
        </span>{' '}
        <small>since {formatTime(order.updatedAt)}</small>
      </p>
      {order.status !== 'CANCELLED' && (
        <ol className="steps">
          {STEPS.map((step, i) => (
            <li key={step} className={i <= reached ? 'reached' : ''}>
              {formatStatus(step)}
            </li>
          ))}
        </ol>
      )}
      <p className="hint">
        {done
          ? 'This order is finished.'
          : live.error
            ? `Live updates stopped: ${errorMessage(live.error)}`
            : 'Updates arrive live; no need to reload.'}
      </p>
    </section>
  );
}

/**
 * A subscription carries the token it started with, and the gateway ends it when that token
 * expires. So when the session's token is refreshed, start it again with the new one, and read
 * the current state once, for any change made in between.
 */
export function useResubscribeOnRefresh(restart: () => void, refetch: () => unknown) {
  const token = useSession()?.token;
  const first = useRef(token);
  useEffect(() => {
    if (token === first.current || !token) return;
    first.current = token;
    restart();
    void refetch();
  }, [token, restart, refetch]);
}
