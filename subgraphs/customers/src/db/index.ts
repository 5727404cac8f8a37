import type { Database } from '@supergraph/service-kit';
import * as schema from './schema.ts';

export { schema };
export type CustomersDb = Database<typeof schema>;
export const SCHEMA_NAME = 'customers';
export const MIGRATIONS_FOLDER = new URL('../../drizzle', import.meta.url).pathname;
