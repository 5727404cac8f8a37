CREATE TABLE "orders"."aggregate_cursors" (
	"consumer" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"sequence" integer NOT NULL,
	CONSTRAINT "aggregate_cursors_consumer_aggregate_id_pk" PRIMARY KEY("consumer","aggregate_id")
);
--> statement-breakpoint
CREATE TABLE "orders"."applied_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applied_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "orders"."outbox_events" (
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
ALTER TABLE "orders"."orders" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_events_aggregate_sequence_key" ON "orders"."outbox_events" USING btree ("aggregate_id","sequence");--> statement-breakpoint
CREATE INDEX "outbox_events_unpublished_idx" ON "orders"."outbox_events" USING btree ("position") WHERE published_at is null;