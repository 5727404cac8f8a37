import { useQuery } from '@apollo/client/react';
import { graphql } from '../__generated__';
import { errorMessage } from '../apollo.ts';
import { formatMoney } from '../format.ts';

// One query over all four domains: the account (customers), its order count (orders), and its
// metrics (analytics), deferred: the page shows the profile first and the numbers when they come.
const MyProfile = graphql(`
  query MyProfile {
    me {
      id
      customerNumber
      firstName
      lastName
      email
      store { id name slug currency }
      addresses { id line1 city postalCode country isDefault }
      orderCount
      ... @defer(label: "metrics") {
        metrics { totalOrders totalSpentCents averageOrderValueCents currency }
      }
    }
  }
`);

export function Profile() {
  const { data, error, loading } = useQuery(MyProfile);
  if (loading && !data) return <section className="card">Loading your profile…</section>;
  if (error && !data)
    return (
      <section className="card error" role="alert">
        {errorMessage(error)}
      </section>
    );
  const me = data?.me;
  if (!me) return null;
  const address = me.addresses.find((a) => a.isDefault) ?? me.addresses[0];
  const metrics = 'metrics' in me ? me.metrics : undefined;
  return (
    <section className="card profile" data-testid="profile">
      <h1>
        {me.firstName} {me.lastName}
      </h1>
      <p>
        {me.email} · customer {me.customerNumber} at {me.store.name}
      </p>
      {address && (
        <p>
          Delivers to {address.line1}, {address.postalCode} {address.city}, {address.country}
        </p>
      )}
      <dl className="metrics" data-testid="metrics">
        <div>
          <dt>Orders</dt>
          <dd data-testid="order-count">{me.orderCount ?? '–'}</dd>
        </div>
        {metrics === undefined ? (
          <div>
            <dt>Spent</dt>
            <dd className="pending">working it out…</dd>
          </div>
        ) : metrics === null ? (
          <div>
            <dt>Spent</dt>
            <dd className="pending">not available just now</dd>
          </div>
        ) : (
          <>
            <div>
              <dt>Spent</dt>
              <dd data-testid="total-spent">{formatMoney(metrics.totalSpentCents, metrics.currency ?? me.store.currency)}</dd>
            </div>
            <div>
              <dt>Average order</dt>
              <dd>{formatMoney(metrics.averageOrderValueCents, metrics.currency ?? me.store.currency)}</dd>
            </div>
          </>
        )}
      </dl>
    </section>
  );
}
