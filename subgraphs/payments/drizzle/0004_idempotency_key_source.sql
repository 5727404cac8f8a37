CREATE TYPE "payments"."key_source" AS ENUM('client', 'system');--> statement-breakpoint
DROP INDEX "payments"."payments_customer_idempotency_key";--> statement-breakpoint
DROP INDEX "payments"."refunds_payment_idempotency_key";--> statement-breakpoint
ALTER TABLE "payments"."payments" ADD COLUMN "key_source" "payments"."key_source" DEFAULT 'client' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments"."refunds" ADD COLUMN "key_source" "payments"."key_source" DEFAULT 'client' NOT NULL;--> statement-breakpoint
-- Keys the system made before this migration (demo data, refunds of cancelled orders) move to the system namespace.
UPDATE "payments"."payments" SET "key_source" = 'system' WHERE "request_hash" = 'demo';--> statement-breakpoint
UPDATE "payments"."refunds" SET "key_source" = 'system' WHERE "idempotency_key" = 'order-cancelled' AND "reason" = 'Order cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "payments_customer_idempotency_key" ON "payments"."payments" USING btree ("customer_id","key_source","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_payment_idempotency_key" ON "payments"."refunds" USING btree ("payment_id","key_source","idempotency_key");