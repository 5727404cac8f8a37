CREATE TABLE "payments"."aggregate_cursors" (
	"consumer" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"sequence" integer NOT NULL,
	CONSTRAINT "aggregate_cursors_consumer_aggregate_id_pk" PRIMARY KEY("consumer","aggregate_id")
);
--> statement-breakpoint
CREATE TABLE "payments"."applied_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applied_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "payments"."order_records" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments"."outbox_events" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"sequence" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "outbox_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
ALTER TABLE "payments"."payments" ADD COLUMN "provider_reference" text;--> statement-breakpoint
ALTER TABLE "payments"."payments" ADD COLUMN "idempotency_key" text NOT NULL;--> statement-breakpoint
ALTER TABLE "payments"."payments" ADD COLUMN "request_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "payments"."refunds" ADD COLUMN "idempotency_key" text NOT NULL;--> statement-breakpoint
ALTER TABLE "payments"."refunds" ADD COLUMN "request_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "payments"."refunds" ADD COLUMN "provider_reference" text;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_events_aggregate_sequence_key" ON "payments"."outbox_events" USING btree ("aggregate_id","sequence");--> statement-breakpoint
CREATE INDEX "outbox_events_unpublished_idx" ON "payments"."outbox_events" USING btree ("position") WHERE published_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_customer_idempotency_key" ON "payments"."payments" USING btree ("customer_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_live_per_order" ON "payments"."payments" USING btree ("order_id") WHERE status <> 'FAILED';--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_payment_idempotency_key" ON "payments"."refunds" USING btree ("payment_id","idempotency_key");