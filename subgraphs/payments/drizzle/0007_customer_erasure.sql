CREATE TABLE "payments"."erased_customers" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone NOT NULL
);
