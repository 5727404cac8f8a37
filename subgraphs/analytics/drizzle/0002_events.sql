CREATE TABLE "analytics"."aggregate_cursors" (
	"consumer" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"sequence" integer NOT NULL,
	CONSTRAINT "aggregate_cursors_consumer_aggregate_id_pk" PRIMARY KEY("consumer","aggregate_id")
);
--> statement-breakpoint
CREATE TABLE "analytics"."applied_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applied_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "analytics"."customer_facts" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"store_id" uuid NOT NULL,
	"registered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."order_facts" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"status" text,
	"total_cents" integer DEFAULT 0 NOT NULL,
	"currency" text,
	"placed_at" timestamp with time zone,
	"paid_cents" bigint DEFAULT 0 NOT NULL,
	"refunded_cents" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "customer_facts_store_registered_idx" ON "analytics"."customer_facts" USING btree ("store_id","registered_at");--> statement-breakpoint
CREATE INDEX "order_facts_customer_idx" ON "analytics"."order_facts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "order_facts_store_placed_idx" ON "analytics"."order_facts" USING btree ("store_id","placed_at");