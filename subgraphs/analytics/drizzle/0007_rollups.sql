CREATE TABLE "analytics"."customer_totals" (
	"store_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"spent_cents" bigint DEFAULT 0 NOT NULL,
	"currency" text,
	CONSTRAINT "customer_totals_store_id_customer_id_pk" PRIMARY KEY("store_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "analytics"."store_day_statuses" (
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" text NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "store_day_statuses_store_id_day_status_pk" PRIMARY KEY("store_id","day","status")
);
--> statement-breakpoint
CREATE TABLE "analytics"."store_days" (
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"paid_orders" integer DEFAULT 0 NOT NULL,
	"paid_cents" bigint DEFAULT 0 NOT NULL,
	"refunded_cents" bigint DEFAULT 0 NOT NULL,
	"new_customers" integer DEFAULT 0 NOT NULL,
	"currency" text,
	CONSTRAINT "store_days_store_id_day_pk" PRIMARY KEY("store_id","day")
);
--> statement-breakpoint
CREATE INDEX "customer_totals_store_spent_idx" ON "analytics"."customer_totals" USING btree ("store_id","spent_cents" DESC NULLS LAST,"customer_id");