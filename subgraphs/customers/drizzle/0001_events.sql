CREATE TABLE "customers"."outbox_events" (
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
CREATE UNIQUE INDEX "outbox_events_aggregate_sequence_key" ON "customers"."outbox_events" USING btree ("aggregate_id","sequence");--> statement-breakpoint
CREATE INDEX "outbox_events_unpublished_idx" ON "customers"."outbox_events" USING btree ("position") WHERE published_at is null;