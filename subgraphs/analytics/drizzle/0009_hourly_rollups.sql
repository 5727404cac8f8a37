-- Hourly read models beside the daily ones (0007): a period whose ends fall inside days reads the
-- whole hours of those days from here and only the minutes before the first and after the last
-- whole hour from the facts, so its cost no longer grows with the orders of a busy day.
CREATE TABLE "analytics"."store_hour_statuses" (
	"store_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "store_hour_statuses_store_id_hour_status_pk" PRIMARY KEY("store_id","hour","status")
);
--> statement-breakpoint
CREATE TABLE "analytics"."store_hours" (
	"store_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"paid_orders" integer DEFAULT 0 NOT NULL,
	"paid_cents" bigint DEFAULT 0 NOT NULL,
	"refunded_cents" bigint DEFAULT 0 NOT NULL,
	"new_customers" integer DEFAULT 0 NOT NULL,
	"currency" text,
	CONSTRAINT "store_hours_store_id_hour_pk" PRIMARY KEY("store_id","hour")
);
