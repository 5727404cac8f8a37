-- An exact count of the staff's search ("ada": 11,442 of a 200,000-customer store) visits every
-- match: a bitmap of the two trigram indexes, then each customer's row read and its lowered email
-- and name matched again (trigrams only narrow the candidates), about 1.5 µs a match on PostgreSQL
-- 15. customer_search holds the searched text alone, lowered once when written, in rows narrower
-- than the customers': the same count took 5-6 ms against 12-19 by hand at that size.
-- The email and the full name are joined by a newline, so a term without one matches exactly where
-- lower(email) LIKE or lower(first_name || ' ' || last_name) LIKE match (the search sends a term
-- with a newline the old way).
-- Triggers keep it in step, in the statement that changes a customer: after an INSERT (one
-- statement-level trigger over its new rows, so a bulk load adds them set-based) and after an
-- UPDATE of the columns it copies (an erasure's pseudonyms included). A customer's row goes with
-- the customer (ON DELETE CASCADE). The triggers come before the backfill: creating them locks the
-- customers against writes until this migration commits, so none is missed between the two.
CREATE TABLE "customers"."customer_search" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"store_id" uuid NOT NULL,
	"role" "customers"."role" NOT NULL,
	"search_text" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers"."customer_search" ADD CONSTRAINT "customer_search_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "customers"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE FUNCTION "customers".customer_search_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "customers"."customer_search" ("customer_id", "store_id", "role", "search_text")
    SELECT "id", "store_id", "role", lower("email") || E'\n' || lower(("first_name" || ' ' || "last_name")) FROM added;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customer_search_on_insert AFTER INSERT ON "customers"."customers"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "customers".customer_search_added();--> statement-breakpoint
CREATE FUNCTION "customers".customer_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "customers"."customer_search"
    SET "store_id" = NEW."store_id", "role" = NEW."role",
        "search_text" = lower(NEW."email") || E'\n' || lower((NEW."first_name" || ' ' || NEW."last_name"))
    WHERE "customer_id" = NEW."id";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customer_search_on_update AFTER UPDATE OF "email", "first_name", "last_name", "role", "store_id" ON "customers"."customers"
  FOR EACH ROW WHEN (OLD."email" IS DISTINCT FROM NEW."email" OR OLD."first_name" IS DISTINCT FROM NEW."first_name"
    OR OLD."last_name" IS DISTINCT FROM NEW."last_name" OR OLD."role" IS DISTINCT FROM NEW."role" OR OLD."store_id" IS DISTINCT FROM NEW."store_id")
  EXECUTE FUNCTION "customers".customer_search_changed();--> statement-breakpoint
INSERT INTO "customers"."customer_search" ("customer_id", "store_id", "role", "search_text")
  SELECT "id", "store_id", "role", lower("email") || E'\n' || lower(("first_name" || ' ' || "last_name")) FROM "customers"."customers";--> statement-breakpoint
CREATE INDEX "customer_search_text_trgm_idx" ON "customers"."customer_search" USING gin ("search_text" gin_trgm_ops);
