import { defineConfig } from 'drizzle-kit';

// `npm run db:generate -w @supergraph/service-kit` writes a migration for the event log's schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/events/log-schema.ts',
  out: './drizzle/eventbus',
  schemaFilter: ['eventbus'],
});
