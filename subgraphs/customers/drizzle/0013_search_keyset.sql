-- The staff's search lists and counts its matches newest first. On the customers' rows that order
-- walks customers_store_created_idx and reads each row to lower and match its email and name,
-- about 2 µs an entry: a term in 1% of a 200,000-customer store read some 2,000 rows for its first
-- page (2-4 ms) and as many again for its bounded count. customer_search_keyset_idx holds the same
-- order with the lowered text beside each key, so the walk reads the index alone, about 0.2 µs an
-- entry. created_at is the customer's own, copied by the triggers (it never changes, but a change
-- would follow). The text's expression is now one function, which both triggers call.
CREATE FUNCTION "customers".customer_search_text(email text, first_name text, last_name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(email) || E'\n' || lower((first_name || ' ' || last_name));--> statement-breakpoint
ALTER TABLE "customers"."customer_search" ADD COLUMN "created_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "customers".customer_search_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "customers"."customer_search" ("customer_id", "store_id", "role", "search_text", "created_at")
    SELECT "id", "store_id", "role", "customers".customer_search_text("email", "first_name", "last_name"), "created_at" FROM added;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "customers".customer_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "customers"."customer_search"
    SET "store_id" = NEW."store_id", "role" = NEW."role", "created_at" = NEW."created_at",
        "search_text" = "customers".customer_search_text(NEW."email", NEW."first_name", NEW."last_name")
    WHERE "customer_id" = NEW."id";
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER customer_search_on_update ON "customers"."customers";--> statement-breakpoint
CREATE TRIGGER customer_search_on_update AFTER UPDATE OF "email", "first_name", "last_name", "role", "store_id", "created_at" ON "customers"."customers"
  FOR EACH ROW WHEN (OLD."email" IS DISTINCT FROM NEW."email" OR OLD."first_name" IS DISTINCT FROM NEW."first_name"
    OR OLD."last_name" IS DISTINCT FROM NEW."last_name" OR OLD."role" IS DISTINCT FROM NEW."role" OR OLD."store_id" IS DISTINCT FROM NEW."store_id"
    OR OLD."created_at" IS DISTINCT FROM NEW."created_at")
  EXECUTE FUNCTION "customers".customer_search_changed();--> statement-breakpoint
UPDATE "customers"."customer_search" s SET "created_at" = c."created_at" FROM "customers"."customers" c WHERE c."id" = s."customer_id";--> statement-breakpoint
ALTER TABLE "customers"."customer_search" ALTER COLUMN "created_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "customer_search_keyset_idx" ON "customers"."customer_search" USING btree ("store_id","role","created_at" DESC NULLS LAST,"customer_id" DESC NULLS LAST) INCLUDE ("search_text");
