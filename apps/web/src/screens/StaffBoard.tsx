import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { graphql } from '../__generated__';
import type { BoardOrderFragment, OrderStatus } from '../__generated__/graphql';
import { errorMessage } from '../apollo.ts';
import { formatMoney, formatStatus, formatTime } from '../format.ts';
import { useResubscribeOnRefresh } from './LiveOrder.tsx';
import { useSession } from '../session.ts';

const OPEN: OrderStatus[] = ['CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY'];

const StoreBoard = graphql(`
  query StoreBoard($slug: String!, $status: [OrderStatus!]) {
    store(slug: $slug) {
      id
      name
      currency
      orders(first: 50, status: $status) {
        totalCount
        edges { node { ...BoardOrder } }
      }
    }
  }
  fragment BoardOrder on Order {
    id
    orderNumber
    status
    totalCents
    currency
    createdAt
    updatedAt
    items { menuItemId name quantity }
    customer { id firstName lastName }
  }
`);

const StoreOrderUpdates = graphql(`
  subscription StoreOrderUpdates {
    storeOrderUpdates { ...BoardOrder }
  }
`);

const MoveOrder = graphql(`
  mutation MoveOrder($input: UpdateOrderStatusInput!) {
    updateOrderStatus(input: $input) { ...BoardOrder }
  }
`);

const StoreNumbers = graphql(`
  query StoreNumbers($slug: String!, $since: DateTime!) {
    store(slug: $slug) {
      id
      analytics(since: $since) {
        orderCount
        revenueCents
        refundedCents
        averageOrderValueCents
        newCustomers
        currency
        ordersByStatus { status count }
      }
    }
    topCustomers(limit: 5, since: $since) {
      customer { id firstName lastName email }
      totalSpentCents
      orderCount
      currency
    }
  }
`);

/** The next step a role may take an order to (the order state machine of the orders service). */
function nextStep(status: OrderStatus, role: string): OrderStatus | null {
  if (status === 'CONFIRMED') return 'ACCEPTED';
  if (status === 'ACCEPTED') return 'PREPARING';
  if (role === 'ADMIN' && status === 'PREPARING') return 'OUT_FOR_DELIVERY';
  if (role === 'ADMIN' && status === 'OUT_FOR_DELIVERY') return 'DELIVERED';
  return null;
}

type BoardOrderShape = BoardOrderFragment;

/** A store's board for its staff: open orders by status, new ones arriving live, each moved along with a click; and the store's numbers. */
export function StaffBoard() {
  const current = useSession()!;
  const slug = current.account.storeSlug;
  const board = useQuery(StoreBoard, { variables: { slug, status: OPEN } });
  // What the subscription brought since the board loaded, by order id (newest state wins).
  const [live, setLive] = useState<Map<string, BoardOrderShape>>(new Map());
  const remember = (order: BoardOrderShape) => setLive((previous) => new Map(previous).set(order.id, order));
  const updates = useSubscription(StoreOrderUpdates, {
    onData: ({ data }) => {
      if (data.data) remember(data.data.storeOrderUpdates);
    },
  });
  useResubscribeOnRefresh(updates.restart, board.refetch);
  const [move, moving] = useMutation(MoveOrder);
  const [moveError, setMoveError] = useState<string | null>(null);

  const orders = useMemo(() => {
    const all = new Map<string, BoardOrderShape>();
    for (const { node } of board.data?.store?.orders?.edges ?? []) all.set(node.id, node);
    for (const [id, order] of live) {
      const known = all.get(id);
      if (!known || Date.parse(order.updatedAt) >= Date.parse(known.updatedAt)) all.set(id, order);
    }
    return [...all.values()].filter((o) => OPEN.includes(o.status)).sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  }, [board.data, live]);

  const moveAlong = async (order: BoardOrderShape, to: OrderStatus) => {
    setMoveError(null);
    const { data } = await move({ variables: { input: { orderId: order.id, status: to } } }).catch((error: unknown) => {
      setMoveError(`${order.orderNumber}: ${errorMessage(error)}`);
      return { data: undefined };
    });
    if (data) remember(data.updateOrderStatus);
  };

  const store = board.data?.store;
  return (
    <div className="staff">
      <section className="card" data-testid="board">
        <h1>{store?.name ?? 'Your store'}: open orders</h1>
        {board.loading && !board.data && <p>Loading the board…</p>}
        {board.error && (
          <p className="error" role="alert">
            {errorMessage(board.error)}
          </p>
        )}
        {updates.error && <p className="error">Live updates stopped: {errorMessage(updates.error)} Reload to start them again.</p>}
        {moveError && (
          <p className="error" role="alert">
            {moveError}
          </p>
        )}
        <div className="board">
          {OPEN.map((status) => (
            <div key={status} className="column" data-testid={`column-${status}`}>
              <h3>{formatStatus(status)}</h3>
              {orders
                .filter((o) => o.status === status)
                .map((order) => {
                  const to = nextStep(order.status, current.account.role);
                  return (
                    <article key={order.id} className="ticket" data-testid="ticket" data-order-number={order.orderNumber}>
                      <header>
                        <strong>{order.orderNumber}</strong> <small>{formatTime(order.createdAt)}</small>
                      </header>
                      <p>
                        {order.customer.firstName} {order.customer.lastName}
                      </p>
                      <p>{order.items.map((i) => `${i.quantity}× ${i.name}`).join(', ')}</p>
                      <p>{formatMoney(order.totalCents, order.currency)}</p>
                      {to && (
                        <button type="button" disabled={moving.loading} onClick={() => moveAlong(order, to)}>
                          {formatStatus(to)}
                        </button>
                      )}
                    </article>
                  );
                })}
            </div>
          ))}
        </div>
      </section>
      <StoreNumbersCard slug={slug} />
    </div>
  );
}

function StoreNumbersCard({ slug }: { slug: string }) {
  const [since] = useState(() => new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString());
  const { data, error, loading, refetch } = useQuery(StoreNumbers, { variables: { slug, since } });
  const analytics = data?.store?.analytics;
  return (
    <section className="card" data-testid="store-numbers">
      <h2>
        The last 30 days{' '}
        <button type="button" onClick={() => refetch()} disabled={loading}>
          Refresh
        </button>
      </h2>
      {loading && !data && <p>Loading the numbers…</p>}
      {error && (
        <p className="error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {analytics && (
        <dl className="metrics">
          <div>
            <dt>Orders</dt>
            <dd data-testid="analytics-orders">{analytics.orderCount}</dd>
          </div>
          <div>
            <dt>Revenue</dt>
            <dd>{formatMoney(analytics.revenueCents, analytics.currency)}</dd>
          </div>
          <div>
            <dt>Refunded</dt>
            <dd>{formatMoney(analytics.refundedCents, analytics.currency)}</dd>
          </div>
          <div>
            <dt>Average order</dt>
            <dd>{formatMoney(analytics.averageOrderValueCents, analytics.currency)}</dd>
          </div>
          <div>
            <dt>New customers</dt>
            <dd>{analytics.newCustomers}</dd>
          </div>
        </dl>
      )}
      {data && (
        <>
          <h3>Top customers</h3>
          <ol className="top" data-testid="top-customers">
            {data.topCustomers.map((row) => (
              <li key={row.customer.id}>
                {row.customer.firstName} {row.customer.lastName} · {row.orderCount} orders ·{' '}
                {formatMoney(row.totalSpentCents, row.currency)}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
