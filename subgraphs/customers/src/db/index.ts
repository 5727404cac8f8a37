import type { Database, TransactionOf } from '@supergraph/service-kit';
import * as schema from './schema.ts';

export { schema };
export type CustomersDb = Database<typeof schema>;
export type CustomersTx = TransactionOf<CustomersDb>;
