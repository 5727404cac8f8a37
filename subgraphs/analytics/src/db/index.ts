import type { Database, TransactionOf } from '@supergraph/service-kit';
import * as schema from './schema.ts';

export { schema };
export type AnalyticsDb = Database<typeof schema>;
export type AnalyticsTx = TransactionOf<AnalyticsDb>;
