-- The staff's customer search (ILIKE '%term%' on the email and on first || ' ' || last name) by
-- trigram indexes rather than by reading every customer of the store. pg_trgm is a contrib
-- extension of PostgreSQL, "trusted" since PostgreSQL 13: a database's owner may create it without
-- being a superuser. PGlite has it too, loaded when the embedded database is created
-- (createEmbeddedDatabase in service-kit). Several subgraphs may share one database: IF NOT EXISTS.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "customers_email_trgm_idx" ON "customers"."customers" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "customers"."customers" USING gin (("first_name" || ' ' || "last_name") gin_trgm_ops);
