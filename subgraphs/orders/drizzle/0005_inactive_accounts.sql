CREATE TABLE "orders"."inactive_accounts" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"since" timestamp with time zone NOT NULL
);
