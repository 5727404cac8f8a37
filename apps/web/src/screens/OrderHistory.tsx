import { useQuery } from '@apollo/client/react';
import { graphql } from '../__generated__';
import { errorMessage } from '../apollo.ts';
import { formatMoney, formatStatus, formatTime } from '../format.ts';

const PAGE = 5;

const MyOrders = graphql(`
  query MyOrders($first: Int!, $after: String) {
    me {
      id
      orders(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            orderNumber
            status
            totalCents
            currency
            createdAt
            items { menuItemId name quantity }
            payments { id status amountCents refundedCents method { brand last4 } }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

type Payments = { status: string; amountCents: number; refundedCents: number; method?: { brand: string; last4: string } | null }[] | null;

/** What the payments service says about an order: the payment that counts, and any refund. */
function paymentLine(payments: Payments | undefined, currency: string): string {
  if (!payments) return 'payments unavailable';
  const paid = payments.find((p) => p.status !== 'FAILED' && p.status !== 'PENDING');
  if (!paid) return payments.some((p) => p.status === 'PENDING') ? 'payment pending' : 'not paid';
  const card = paid.method ? `${paid.method.brand} ·${paid.method.last4}` : 'paid';
  return paid.refundedCents > 0 ? `${card}, ${formatMoney(paid.refundedCents, currency)} refunded` : card;
}

/** The customer's orders, newest first, a page at a time. */
export function OrderHistory() {
  const { data, error, loading, fetchMore } = useQuery(MyOrders, { variables: { first: PAGE } });
  const orders = data?.me?.orders;
  return (
    <section className="card" data-testid="order-history">
      <h2>Your orders {orders && <small>({orders.totalCount})</small>}</h2>
      {loading && !data && <p>Loading your orders…</p>}
      {error && (
        <p className="error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {orders && orders.edges.length === 0 && <p>No orders yet.</p>}
      <ul className="orders">
        {orders?.edges.map(({ node }) => (
          <li key={node.id} data-testid="order-row">
            <span className="number">{node.orderNumber}</span>
            <span>{formatTime(node.createdAt)}</span>
            <span>{node.items.map((i) => `${i.quantity}× ${i.name}`).join(', ')}</span>
            <span>{formatMoney(node.totalCents, node.currency)}</span>
            <span className="payment" data-testid="order-payment">
              {paymentLine(node.payments, node.currency)}
            </span>
            <span className={`status ${node.status.toLowerCase()}`} data-testid="order-status">
              {formatStatus(node.status)}
            </span>
          </li>
        ))}
      </ul>
      {orders?.pageInfo.hasNextPage && (
        <button
          type="button"
          disabled={loading}
          onClick={() => fetchMore({ variables: { first: PAGE, after: orders.pageInfo.endCursor } })}
        >
          Show older orders
        </button>
      )}
    </section>
  );
}
