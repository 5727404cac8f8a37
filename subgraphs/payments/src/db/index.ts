import type { Database } from '@supergraph/service-kit';
import * as schema from './schema.ts';

export { schema };
export type PaymentsDb = Database<typeof schema>;
export const SCHEMA_NAME = 'payments';
export const MIGRATIONS_FOLDER = new URL('../../drizzle', import.meta.url).pathname;
