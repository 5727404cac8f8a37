import type { Database, TransactionOf } from '@supergraph/service-kit';
import * as schema from './schema.ts';

export { schema };
export type PaymentsDb = Database<typeof schema>;
export type PaymentsTx = TransactionOf<PaymentsDb>;
export const SCHEMA_NAME = 'payments';
export const MIGRATIONS_FOLDER = new URL('../../drizzle', import.meta.url).pathname;
