ALTER TABLE "analytics"."order_facts" ADD COLUMN "driver_id" uuid;--> statement-breakpoint
CREATE INDEX "order_facts_driver_idx" ON "analytics"."order_facts" USING btree ("driver_id");