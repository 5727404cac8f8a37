import { inArray } from 'drizzle-orm';
import type { AnalyticsDb } from './index.ts';
import { customerMetrics } from './schema.ts';

export const findMetricsByCustomerIds = (db: AnalyticsDb, customerIds: readonly string[]) =>
  db.select().from(customerMetrics).where(inArray(customerMetrics.customerId, [...customerIds]));
