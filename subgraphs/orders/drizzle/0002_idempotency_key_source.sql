CREATE TYPE "orders"."key_source" AS ENUM('client', 'system');--> statement-breakpoint
DROP INDEX "orders"."orders_customer_idempotency_key";--> statement-breakpoint
ALTER TABLE "orders"."orders" ADD COLUMN "key_source" "orders"."key_source" DEFAULT 'client' NOT NULL;--> statement-breakpoint
-- Keys the system made before this migration (demo data) move to the system namespace.
UPDATE "orders"."orders" SET "key_source" = 'system' WHERE "request_hash" = 'demo';--> statement-breakpoint
CREATE UNIQUE INDEX "orders_customer_idempotency_key" ON "orders"."orders" USING btree ("customer_id","key_source","idempotency_key");