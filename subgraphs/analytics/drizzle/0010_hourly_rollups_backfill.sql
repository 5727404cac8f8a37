-- Builds the hourly read models of 0009 from the facts a database already holds, so a store's
-- figures are the same before and after the upgrade. The same statements as
-- rebuildAnalyticsReadModels (src/db/read-models.ts); from here on the analytics consumer keeps them
-- as events arrive. Hours are UTC hours (truncated in UTC whatever the session's time zone); only
-- orders placed (placed_at set) count.
INSERT INTO "analytics"."store_hours" ("store_id", "hour", "orders", "paid_orders", "paid_cents", "refunded_cents", "new_customers", "currency")
SELECT "store_id", "hour", sum("orders"), sum("paid_orders"), sum("paid_cents"), sum("refunded_cents"), sum("new_customers"), min("currency")
FROM (
  SELECT "store_id", date_trunc('hour', "placed_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS "hour", 1 AS "orders",
         ("paid_cents" > 0)::int AS "paid_orders", "paid_cents", "refunded_cents", 0 AS "new_customers", "currency"
  FROM "analytics"."order_facts" WHERE "placed_at" IS NOT NULL
  UNION ALL
  SELECT "store_id", date_trunc('hour', "registered_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 0, 0, 0, 0, 1, NULL
  FROM "analytics"."customer_facts"
) AS x
GROUP BY "store_id", "hour";
--> statement-breakpoint
INSERT INTO "analytics"."store_hour_statuses" ("store_id", "hour", "status", "orders")
SELECT "store_id", date_trunc('hour', "placed_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', coalesce("status", 'UNKNOWN'), count(*)
FROM "analytics"."order_facts" WHERE "placed_at" IS NOT NULL
GROUP BY 1, 2, 3;
