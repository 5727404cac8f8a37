CREATE TABLE "orders"."store_drivers" (
	"driver_id" uuid PRIMARY KEY NOT NULL,
	"store_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders"."orders" ADD COLUMN "driver_id" uuid;--> statement-breakpoint
CREATE INDEX "store_drivers_store_idx" ON "orders"."store_drivers" USING btree ("store_id");--> statement-breakpoint
CREATE INDEX "orders_driver_idx" ON "orders"."orders" USING btree ("driver_id");