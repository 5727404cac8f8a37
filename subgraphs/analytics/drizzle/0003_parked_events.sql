CREATE TABLE "analytics"."parked_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"position" bigint NOT NULL,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"sequence" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"first_failed_at" timestamp with time zone,
	"last_failed_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"set_aside_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parked_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id"),
	CONSTRAINT "parked_events_state_check" CHECK (state in ('retrying', 'parked', 'held'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "parked_events_aggregate_sequence_key" ON "analytics"."parked_events" USING btree ("consumer","aggregate_id","sequence");