import type { Database, TransactionOf } from '@supergraph/service-kit';
import * as schema from './schema.ts';

export { schema };
export type PaymentsDb = Database<typeof schema>;
export type PaymentsTx = TransactionOf<PaymentsDb>;
