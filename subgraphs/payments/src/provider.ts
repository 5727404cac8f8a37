import { randomUUID } from 'node:crypto';

export interface ChargeRequest {
  amountCents: number;
  currency: string;
  token: string;
  /** The provider charges at most once per key, however often it is called. */
  idempotencyKey: string;
}

export type ChargeResult =
  | { ok: true; reference: string }
  | { ok: false; code: 'card_declined' | 'insufficient_funds' | 'processing_error'; message: string; transient: boolean };

export interface CardDetails {
  brand: string;
  last4: string;
}

/** A card processor. The simulated one below behaves like a real provider's test mode. */
export interface PaymentProvider {
  /** The card behind a token (brand and last four digits only), or null for an unknown token. */
  describe(token: string): CardDetails | null;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: { chargeReference: string; amountCents: number; idempotencyKey: string }): Promise<{ reference: string }>;
}

const TEST_CARDS: Record<string, CardDetails & { outcome: 'succeed' | ChargeResult }> = {
  tok_visa: { brand: 'visa', last4: '4242', outcome: 'succeed' },
  tok_mastercard: { brand: 'mastercard', last4: '4444', outcome: 'succeed' },
  tok_chargeDeclined: {
    brand: 'visa',
    last4: '0002',
    outcome: { ok: false, code: 'card_declined', message: 'The card was declined.', transient: false },
  },
  tok_insufficientFunds: {
    brand: 'visa',
    last4: '9995',
    outcome: { ok: false, code: 'insufficient_funds', message: 'The card has insufficient funds.', transient: false },
  },
  tok_processingError: {
    brand: 'visa',
    last4: '0119',
    outcome: {
      ok: false,
      code: 'processing_error',
      message: 'The payment provider had a temporary problem. Please try again.',
      transient: true,
    },
  },
};

export const TEST_TOKENS = Object.keys(TEST_CARDS);

/** Test-mode provider: outcomes by token, like Stripe's test cards; idempotent by key. */
export class SimulatedPaymentProvider implements PaymentProvider {
  private readonly charges = new Map<string, ChargeResult>();
  private readonly refunds = new Map<string, { reference: string }>();

  describe(token: string): CardDetails | null {
    const card = TEST_CARDS[token];
    return card ? { brand: card.brand, last4: card.last4 } : null;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const previous = this.charges.get(request.idempotencyKey);
    if (previous) return previous;
    const card = TEST_CARDS[request.token];
    const result: ChargeResult = !card
      ? { ok: false, code: 'card_declined', message: 'The card was declined.', transient: false }
      : card.outcome === 'succeed'
        ? { ok: true, reference: `ch_${randomUUID().replaceAll('-', '')}` }
        : card.outcome;
    this.charges.set(request.idempotencyKey, result);
    return result;
  }

  async refund(request: { chargeReference: string; amountCents: number; idempotencyKey: string }) {
    const previous = this.refunds.get(request.idempotencyKey);
    if (previous) return previous;
    const result = { reference: `re_${randomUUID().replaceAll('-', '')}` };
    this.refunds.set(request.idempotencyKey, result);
    return result;
  }
}
