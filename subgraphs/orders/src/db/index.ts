import type { Database, TransactionOf } from '@supergraph/service-kit';
import * as schema from './schema.ts';

export { schema };
export type OrdersDb = Database<typeof schema>;
export type OrdersTx = TransactionOf<OrdersDb>;
