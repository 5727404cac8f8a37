import { parseEnv, readSubgraphConfig, z, type SubgraphConfig } from '@supergraph/service-kit';

export interface PaymentsConfig extends SubgraphConfig {
  /**
   * How long payOrder waits for an order it has not heard of yet: payments learns of orders from
   * OrderPlaced events, which usually arrive within milliseconds of placeOrder.
   */
  orderWaitMs: number;
}

export const PORT = 4003;

export function readPaymentsConfig(source: Record<string, string | undefined>): PaymentsConfig {
  const base = readSubgraphConfig('payments', PORT, source);
  const own = parseEnv(z.object({ PAYMENTS_ORDER_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(2000) }), source);
  return { ...base, orderWaitMs: own.PAYMENTS_ORDER_WAIT_MS };
}
