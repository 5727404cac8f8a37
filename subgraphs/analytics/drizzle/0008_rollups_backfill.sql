-- Builds the read models of 0007 from the facts a database already holds, so a store's figures
-- are the same before and after the upgrade. The same statements as rebuildAnalyticsReadModels
-- (src/db/read-models.ts); from here on the analytics consumer keeps them as events arrive.
-- Days are UTC days; only orders placed (placed_at set) count.
INSERT INTO "analytics"."store_days" ("store_id", "day", "orders", "paid_orders", "paid_cents", "refunded_cents", "new_customers", "currency")
SELECT "store_id", "day", sum("orders"), sum("paid_orders"), sum("paid_cents"), sum("refunded_cents"), sum("new_customers"), min("currency")
FROM (
  SELECT "store_id", ("placed_at" AT TIME ZONE 'UTC')::date AS "day", 1 AS "orders", ("paid_cents" > 0)::int AS "paid_orders",
         "paid_cents", "refunded_cents", 0 AS "new_customers", "currency"
  FROM "analytics"."order_facts" WHERE "placed_at" IS NOT NULL
  UNION ALL
  SELECT "store_id", ("registered_at" AT TIME ZONE 'UTC')::date, 0, 0, 0, 0, 1, NULL FROM "analytics"."customer_facts"
) AS x
GROUP BY "store_id", "day";
--> statement-breakpoint
INSERT INTO "analytics"."store_day_statuses" ("store_id", "day", "status", "orders")
SELECT "store_id", ("placed_at" AT TIME ZONE 'UTC')::date, coalesce("status", 'UNKNOWN'), count(*)
FROM "analytics"."order_facts" WHERE "placed_at" IS NOT NULL
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "analytics"."customer_totals" ("store_id", "customer_id", "orders", "spent_cents", "currency")
SELECT "store_id", "customer_id", count(*), sum("paid_cents" - "refunded_cents"), min("currency")
FROM "analytics"."order_facts" WHERE "placed_at" IS NOT NULL
GROUP BY 1, 2;
