import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../__generated__';
import { errorCode, errorMessage } from '../apollo.ts';
import { formatMoney } from '../format.ts';
import { AddressForm } from './AddressForm.tsx';

const Checkout = graphql(`
  query Checkout {
    me {
      id
      store { id name currency menu { id name description category priceCents currency available } }
      addresses { id line1 line2 city postalCode country isDefault }
    }
  }
`);

const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) { id orderNumber status totalCents currency }
  }
`);

const PayOrderMutation = graphql(`
  mutation PayOrder($input: PayOrderInput!) {
    payOrder(input: $input) { id status amountCents currency failureReason method { brand last4 } }
  }
`);

/** The payment provider's test cards (see the README): two that pay, three that do not. */
const TEST_CARDS = [
  { token: 'tok_visa', label: 'Visa ending 4242 (pays)' },
  { token: 'tok_mastercard', label: 'Mastercard ending 4444 (pays)' },
  { token: 'tok_chargeDeclined', label: 'Declined card' },
  { token: 'tok_insufficientFunds', label: 'Card without funds' },
  { token: 'tok_processingError', label: 'Card that fails to process' },
];

const newKey = (what: string) => `web-${what}-${crypto.randomUUID()}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Placed = { id: string; orderNumber: string; totalCents: number; currency: string };

/** Choose from the store's menu, place the order, pay it with a test card. */
export function PlaceOrder({ onPlaced }: { onPlaced: (orderId: string) => void }) {
  const checkout = useQuery(Checkout);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  // One key per attempt: sending the same attempt again (a retry, a double click) places one order.
  const [orderKey, setOrderKey] = useState(() => newKey('order'));
  const [placed, setPlaced] = useState<Placed | null>(null);
  const [card, setCard] = useState(TEST_CARDS[0]!.token);
  const [paying, setPaying] = useState(false);
  const [payment, setPayment] = useState<{ status: string; failureReason: string | null } | null>(null);
  const [payError, setPayError] = useState<string | null>(null);
  const [placeOrder, placing] = useMutation(PlaceOrderMutation, { refetchQueries: ['MyOrders', 'MyProfile'] });
  const [payOrder] = useMutation(PayOrderMutation);

  if (checkout.loading && !checkout.data) return <section className="card">Loading the menu…</section>;
  if (checkout.error && !checkout.data)
    return (
      <section className="card error" role="alert">
        {errorMessage(checkout.error)}
      </section>
    );
  const me = checkout.data?.me;
  if (!me) return null;
  const address = me.addresses.find((a) => a.isDefault) ?? me.addresses[0];
  const menu = me.store.menu;
  const lines = menu.filter((item) => (quantities[item.id] ?? 0) > 0);
  const total = lines.reduce((sum, item) => sum + item.priceCents * quantities[item.id]!, 0);

  const place = async () => {
    if (!address) return;
    const { line1, line2, city, postalCode, country } = address;
    const { data } = await placeOrder({
      variables: {
        input: {
          items: lines.map((item) => ({ menuItemId: item.id, quantity: quantities[item.id]! })),
          deliveryAddress: { line1, line2, city, postalCode, country },
          idempotencyKey: orderKey,
        },
      },
    }).catch(() => ({ data: undefined }));
    if (!data) return;
    setPlaced(data.placeOrder);
    setPayment(null);
    onPlaced(data.placeOrder.id);
  };

  const pay = async () => {
    if (!placed) return;
    setPaying(true);
    setPayError(null);
    const idempotencyKey = newKey('payment');
    try {
      // The payments service learns of a new order by event, a moment after it is placed: NOT_FOUND
      // then means "not yet", and the same attempt (same key) is sent again.
      for (let attempt = 0; ; attempt += 1) {
        try {
          const { data } = await payOrder({ variables: { input: { orderId: placed.id, paymentMethodToken: card, idempotencyKey } } });
          setPayment({ status: data!.payOrder.status, failureReason: data!.payOrder.failureReason ?? null });
          if (data!.payOrder.status === 'SUCCEEDED') {
            setQuantities({});
            setOrderKey(newKey('order'));
          }
          return;
        } catch (error) {
          if (errorCode(error) === 'NOT_FOUND' && attempt < 10) {
            await sleep(300 * (attempt + 1));
            continue;
          }
          setPayError(errorMessage(error));
          return;
        }
      }
    } finally {
      setPaying(false);
    }
  };

  const paid = payment?.status === 'SUCCEEDED';
  return (
    <section className="card place-order" data-testid="place-order">
      <h2>Order from {me.store.name}</h2>
      <ul className="menu">
        {menu.map((item) => (
          <li key={item.id} className={item.available ? '' : 'unavailable'}>
            <span>
              <strong>{item.name}</strong> <small>{item.category}</small>
              {item.description && <small className="description">{item.description}</small>}
            </span>
            <span>{formatMoney(item.priceCents, item.currency)}</span>
            <input
              type="number"
              min={0}
              max={50}
              aria-label={`How many ${item.name}`}
              disabled={!item.available || (placed !== null && !paid)}
              value={quantities[item.id] ?? 0}
              onChange={(e) => setQuantities({ ...quantities, [item.id]: Math.max(0, Math.min(50, Number(e.target.value) || 0)) })}
            />
          </li>
        ))}
      </ul>
      {!address && <AddressForm />}
      {(placed === null || paid) && (
        <button type="button" disabled={lines.length === 0 || !address || placing.loading} onClick={place}>
          {placing.loading ? 'Placing…' : `Place order${lines.length ? ` (${formatMoney(total, me.store.currency)} + delivery)` : ''}`}
        </button>
      )}
      {placing.error && (
        <p className="error" role="alert">
          {errorMessage(placing.error)}
        </p>
      )}
      {placed && !paid && (
        <div className="pay" data-testid="pay">
          <p>
            Order {placed.orderNumber}: {formatMoney(placed.totalCents, placed.currency)} to pay.
          </p>
          <label>
            Card
            <select value={card} onChange={(e) => setCard(e.target.value)}>
              {TEST_CARDS.map((c) => (
                <option key={c.token} value={c.token}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={paying} onClick={pay}>
            {paying ? 'Paying…' : 'Pay'}
          </button>
          {payment?.status === 'FAILED' && (
            <p className="error" role="alert" data-testid="payment-declined">
              Payment failed: {payment.failureReason ?? 'the card was not accepted'}. Choose another card and pay again.
            </p>
          )}
          {payError && (
            <p className="error" role="alert">
              {payError}
            </p>
          )}
        </div>
      )}
      {paid && (
        <p className="ok" data-testid="paid">
          Paid. Follow your order beside this.
        </p>
      )}
    </section>
  );
}
